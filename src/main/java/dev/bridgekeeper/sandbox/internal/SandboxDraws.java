package dev.bridgekeeper.sandbox.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seeded randomness of one sandbox organisation and the vocabulary its records are made of. Every draw is
 * keyed by (data type, index), so a record never depends on the records generated before it.
 */
record SandboxDraws(long seed) {

    static final String[] CURRENCIES = {"GBP", "GBP", "GBP", "EUR", "USD"};
    static final String[] NAMES = {"Acme", "Bluebell", "Cobalt", "Driftwood", "Ember", "Foxglove", "Granite",
            "Harbour", "Ivy", "Juniper", "Kestrel", "Lantern", "Meadow", "Northwind", "Orchard", "Pebble"};
    static final String[] SUFFIXES = {"Ltd", "& Co", "Trading", "Holdings", "Studio", "Supplies"};
    private static final String[] FIRST_NAMES = {"Alex", "Sam", "Priya", "Jordan", "Mei", "Tomasz", "Aisha", "Liam"};
    private static final String[] CITIES = {"London", "Leeds", "Bristol", "Glasgow", "Cardiff"};
    static final BigDecimal VAT_RATE = new BigDecimal("0.20");

    /** The random stream of record {@code index} of {@code dataType}. */
    SplittableRandom random(String dataType, int index) {
        long typeHash = Arrays.hashCode(dataType.getBytes(StandardCharsets.UTF_8));
        return new SplittableRandom(seed * 31 + typeHash * 1_000_003L + index);
    }

    /** Fixed exchange rates to the organisations' base currency, GBP: one unit of {@code currency} in GBP. */
    static BigDecimal rateToGbp(String currency) {
        return switch (currency) {
            case "EUR" -> new BigDecimal("0.8550");
            case "USD" -> new BigDecimal("0.7900");
            default -> BigDecimal.ONE;
        };
    }

    /** An amount converted to GBP, rounded to pence. */
    static BigDecimal toGbp(BigDecimal amount, String currency) {
        return amount.multiply(rateToGbp(currency)).setScale(2, RoundingMode.HALF_UP);
    }

    static BigDecimal vat(BigDecimal net) {
        return net.multiply(VAT_RATE).setScale(2, RoundingMode.HALF_UP);
    }

    /** 1.00 to {@code max} + 1.00, in pence. */
    static BigDecimal money(SplittableRandom random, int max) {
        return BigDecimal.valueOf(100 + random.nextLong(max * 100L), 2);
    }

    /** Day {@code index} of {@code count} records spread evenly over {@code days} days from {@code start}. */
    static LocalDate spread(LocalDate start, int index, int count, int days) {
        return start.plusDays((long) index * days / Math.max(1, count));
    }

    static String dateTime(LocalDate date) {
        return date + "T00:00:00";
    }

    static String companyName(int index) {
        return NAMES[index % NAMES.length] + " " + SUFFIXES[(index / NAMES.length) % SUFFIXES.length]
                + (index >= NAMES.length * SUFFIXES.length ? " " + (index / (NAMES.length * SUFFIXES.length)) : "");
    }

    static String firstName(SplittableRandom random) {
        return FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
    }

    static String lastName(SplittableRandom random) {
        return NAMES[random.nextInt(NAMES.length)];
    }

    static String email(String name) {
        return "accounts@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example";
    }

    static String phone(SplittableRandom random) {
        return "+44 20 7946 " + String.format("%04d", random.nextInt(10_000));
    }

    static String digits(SplittableRandom random, int length) {
        return String.format("%0" + length + "d", random.nextLong((long) Math.pow(10, length)));
    }

    static Map<String, Object> address(SplittableRandom random, String type) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", type);
        a.put("line1", (1 + random.nextInt(200)) + " " + NAMES[random.nextInt(NAMES.length)] + " Street");
        a.put("city", CITIES[random.nextInt(CITIES.length)]);
        a.put("postalCode", "AB" + (1 + random.nextInt(99)) + " " + random.nextInt(10) + "CD");
        a.put("country", "GB");
        return a;
    }

    /** {@code {"id": id, key: name}}: how records refer to one another. */
    static Map<String, Object> ref(String id, String key, String name) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("id", id);
        ref.put(key, name);
        return ref;
    }
}
