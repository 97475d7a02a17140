package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.sandbox.internal.SandboxDataProperties.Volume;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The generated data of one sandbox organisation, in Codat's standard shapes. Record {@code i} of a data type
 * depends only on (platform, user, data type, i), so any page can be produced without the ones before it and
 * the same organisation always holds the same data. Base records were last modified at {@link #BASE} plus
 * ten seconds per index, so "modified since" is an index range.
 */
final class SandboxRecords {

    static final Instant BASE = Instant.parse("2025-06-01T00:00:00Z");
    private static final String[] CURRENCIES = {"GBP", "GBP", "GBP", "EUR", "USD"};
    private static final String[] CATEGORIES = {"Income", "Payroll", "Rent", "Utilities", "Travel", "Software",
            "Office supplies", "Bank fees", "Taxes", "Transfers"};
    private static final String[] NAMES = {"Acme", "Bluebell", "Cobalt", "Driftwood", "Ember", "Foxglove", "Granite",
            "Harbour", "Ivy", "Juniper", "Kestrel", "Lantern", "Meadow", "Northwind", "Orchard", "Pebble"};
    private static final String[] SUFFIXES = {"Ltd", "& Co", "Trading", "Holdings", "Studio", "Supplies"};
    private static final String[] ACCOUNT_TYPES = {"Asset", "Liability", "Equity", "Income", "Expense"};

    /** The data types each platform serves, in the order a full listing walks them. */
    static List<String> dataTypes(SandboxPlatform platform) {
        return switch (platform) {
            case ACCOUNTING -> List.of("company", "chartOfAccounts", "customers", "invoices");
            case BANKING -> List.of("banking-accounts", "banking-transactions", "banking-accountBalances",
                    "banking-transactionCategories");
            case COMMERCE -> List.of("commerce-customers", "commerce-orders");
        };
    }

    private final SandboxPlatform platform;
    private final SandboxUser user;
    private final Volume volume;
    private final long seed;

    SandboxRecords(SandboxPlatform platform, SandboxUser user, Volume volume) {
        this.platform = platform;
        this.user = user;
        this.volume = volume;
        UUID org = user.organisationId(platform);
        this.seed = org.getMostSignificantBits() ^ org.getLeastSignificantBits();
    }

    boolean serves(String dataType) {
        return dataTypes(platform).contains(dataType);
    }

    int count(String dataType) {
        return switch (dataType) {
            case "company" -> 1;
            case "chartOfAccounts" -> volume.accounts();
            case "customers", "commerce-customers" -> volume.customers();
            case "invoices" -> volume.invoices();
            case "commerce-orders" -> volume.orders();
            case "banking-accounts", "banking-accountBalances" -> volume.bankAccounts();
            case "banking-transactions" -> volume.bankAccounts() * volume.transactionsPerAccount();
            case "banking-transactionCategories" -> CATEGORIES.length;
            default -> 0;
        };
    }

    /** When record {@code index} was last changed, before any touch. */
    static Instant baseModified(int index) {
        return BASE.plusSeconds(10L * index);
    }

    /** The index a record id names, when it is one of this data type's ids. */
    Optional<Integer> indexOf(String dataType, String id) {
        String prefix = prefix(dataType) + "-";
        if (id == null || !id.startsWith(prefix)) {
            return Optional.empty();
        }
        try {
            int index = Integer.parseInt(id.substring(prefix.length()));
            return index >= 0 && index < count(dataType) ? Optional.of(index) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Record {@code index}, with its modifiedDate set to {@code modified}. */
    Map<String, Object> record(String dataType, int index, Instant modified) {
        SplittableRandom random = random(dataType, index);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id(dataType, index));
        switch (dataType) {
            case "company" -> company(r, random);
            case "chartOfAccounts" -> account(r, index, random);
            case "customers" -> customer(r, index, random);
            case "invoices" -> invoice(r, index, random);
            case "banking-accounts" -> bankAccount(r, index, random);
            case "banking-transactions" -> transaction(r, index, random);
            case "banking-accountBalances" -> balance(r, index, random);
            case "banking-transactionCategories" -> category(r, index);
            case "commerce-customers" -> commerceCustomer(r, index, random);
            case "commerce-orders" -> order(r, index, random);
            default -> throw new IllegalArgumentException("Not a sandbox data type: " + dataType);
        }
        r.put("modifiedDate", modified.toString());
        r.put("sourceModifiedDate", modified.toString());
        return r;
    }

    String id(String dataType, int index) {
        return prefix(dataType) + "-" + index;
    }

    private static String prefix(String dataType) {
        return switch (dataType) {
            case "company" -> "company";
            case "chartOfAccounts" -> "acc";
            case "customers" -> "cus";
            case "invoices" -> "inv";
            case "banking-accounts" -> "bank";
            case "banking-transactions" -> "txn";
            case "banking-accountBalances" -> "bal";
            case "banking-transactionCategories" -> "cat";
            case "commerce-customers" -> "ccus";
            case "commerce-orders" -> "ord";
            default -> dataType;
        };
    }

    private void company(Map<String, Object> r, SplittableRandom random) {
        r.put("companyName", user.organisationName(platform));
        r.put("accountingPlatformRef", user.organisationId(platform).toString());
        r.put("companyLegalName", user.organisationName(platform));
        r.put("baseCurrency", "GBP");
        r.put("registrationNumber", String.format("%08d", random.nextInt(100_000_000)));
        r.put("taxNumber", "GB" + (100_000_000 + random.nextInt(900_000_000)));
        r.put("financialYearStartDate", "2025-04-01T00:00:00");
        r.put("createdDate", "2019-03-14T09:30:00Z");
        r.put("addresses", List.of(address(random, "Billing")));
    }

    private void account(Map<String, Object> r, int index, SplittableRandom random) {
        String type = ACCOUNT_TYPES[index % ACCOUNT_TYPES.length];
        String name = type + " account " + (index + 1);
        r.put("nominalCode", String.valueOf(1000 + index * 10));
        r.put("name", name);
        r.put("description", "Sandbox " + type.toLowerCase() + " account");
        r.put("fullyQualifiedCategory", type + ".Current");
        r.put("fullyQualifiedName", type + ".Current." + name);
        r.put("currency", "GBP");
        r.put("currentBalance", money(random, 50_000));
        r.put("type", type);
        r.put("status", "Active");
        r.put("isBankAccount", "Asset".equals(type) && index < 5);
    }

    private void customer(Map<String, Object> r, int index, SplittableRandom random) {
        String name = companyName(index);
        r.put("customerName", name);
        r.put("contactName", firstName(random) + " " + NAMES[random.nextInt(NAMES.length)]);
        r.put("emailAddress", "accounts@" + name.toLowerCase().replaceAll("[^a-z]", "") + ".example");
        r.put("phone", "+44 20 7946 " + String.format("%04d", random.nextInt(10_000)));
        r.put("defaultCurrency", CURRENCIES[index % CURRENCIES.length]);
        r.put("registrationNumber", String.format("%08d", random.nextInt(100_000_000)));
        r.put("status", "Active");
        r.put("addresses", List.of(address(random, "Billing")));
    }

    private void invoice(Map<String, Object> r, int index, SplittableRandom random) {
        int customer = index % Math.max(1, volume.customers());
        LocalDate issued = LocalDate.of(2025, 1, 1).plusDays(index % 365);
        BigDecimal subTotal = money(random, 5_000);
        BigDecimal tax = subTotal.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
        BigDecimal total = subTotal.add(tax);
        int state = random.nextInt(4);
        BigDecimal due = switch (state) {
            case 0 -> BigDecimal.ZERO.setScale(2);
            case 1 -> total.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
            default -> total;
        };
        r.put("invoiceNumber", "INV-" + (10_001 + index));
        r.put("customerRef", Map.of("id", id("customers", customer), "companyName", companyName(customer)));
        r.put("issueDate", issued + "T00:00:00");
        r.put("dueDate", issued.plusDays(30) + "T00:00:00");
        r.put("currency", CURRENCIES[customer % CURRENCIES.length]);
        r.put("currencyRate", 1);
        r.put("lineItems", List.of(Map.of("description", "Consulting services", "unitAmount", subTotal,
                "quantity", 1, "subTotal", subTotal, "taxAmount", tax, "totalAmount", total,
                "accountRef", Map.of("id", id("chartOfAccounts", 3)))));
        r.put("subTotal", subTotal);
        r.put("totalTaxAmount", tax);
        r.put("totalAmount", total);
        r.put("amountDue", due);
        r.put("status", state == 0 ? "Paid" : state == 1 ? "PartiallyPaid" : "Submitted");
    }

    private void bankAccount(Map<String, Object> r, int index, SplittableRandom random) {
        BigDecimal balance = money(random, 80_000);
        String currency = index == 0 ? "GBP" : CURRENCIES[index % CURRENCIES.length];
        r.put("name", index == 0 ? "Business Current Account" : "Business Account " + (index + 1));
        r.put("informalName", "Account " + (index + 1));
        r.put("holder", user.organisationName(platform));
        r.put("type", index % 4 == 3 ? "Credit" : "Depository");
        r.put("balance", Map.of("available", balance, "current", balance, "limit", 0));
        r.put("currency", currency);
        r.put("identifiers", Map.of("type", "Account", "number", String.format("%08d",
                random.nextInt(100_000_000)), "bankCode", String.format("%06d", random.nextInt(1_000_000)),
                "subtype", "checking"));
        r.put("institution", Map.of("id", "sandbox-bank", "name", "Sandbox Bank plc"));
    }

    private void transaction(Map<String, Object> r, int index, SplittableRandom random) {
        int perAccount = Math.max(1, volume.transactionsPerAccount());
        int account = index / perAccount;
        int within = index % perAccount;
        Instant posted = BASE.minus(365, ChronoUnit.DAYS)
                .plusSeconds((long) within * (365L * 24 * 3600 / perAccount));
        boolean credit = random.nextInt(3) == 0;
        BigDecimal amount = money(random, credit ? 4_000 : 900);
        int category = credit ? 0 : 1 + random.nextInt(CATEGORIES.length - 1);
        r.put("accountId", id("banking-accounts", account));
        r.put("description", credit ? "Payment from " + companyName(random.nextInt(NAMES.length))
                : CATEGORIES[category] + " " + NAMES[random.nextInt(NAMES.length)]);
        r.put("amount", credit ? amount : amount.negate());
        r.put("currency", account == 0 ? "GBP" : CURRENCIES[account % CURRENCIES.length]);
        r.put("postedDate", posted.truncatedTo(ChronoUnit.SECONDS).toString());
        r.put("authorizedDate", posted.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
        r.put("code", credit ? "Credit" : "Debit");
        r.put("merchantName", credit ? null : NAMES[random.nextInt(NAMES.length)] + " " + SUFFIXES[0]);
        r.put("transactionCategoryRef", Map.of("id", id("banking-transactionCategories", category)));
    }

    private void balance(Map<String, Object> r, int index, SplittableRandom random) {
        BigDecimal current = money(random, 80_000);
        r.put("accountId", id("banking-accounts", index));
        r.put("balance", Map.of("available", current, "current", current, "limit", 0));
        r.put("date", LocalDate.ofInstant(BASE, ZoneOffset.UTC) + "T00:00:00Z");
    }

    private void category(Map<String, Object> r, int index) {
        r.put("name", CATEGORIES[index]);
        r.put("hasChildren", false);
        r.put("status", "Active");
    }

    private void commerceCustomer(Map<String, Object> r, int index, SplittableRandom random) {
        String first = firstName(random);
        String last = NAMES[random.nextInt(NAMES.length)];
        r.put("customerName", first + " " + last);
        r.put("emailAddress", (first + "." + last).toLowerCase() + index + "@mail.example");
        r.put("phone", "+44 7700 9" + String.format("%05d", random.nextInt(100_000)));
        r.put("defaultCurrency", "GBP");
        r.put("addresses", List.of(address(random, "Delivery")));
        r.put("createdDate", BASE.minus(400 - index % 400, ChronoUnit.DAYS).toString());
    }

    private void order(Map<String, Object> r, int index, SplittableRandom random) {
        int customer = index % Math.max(1, volume.customers());
        int quantity = 1 + random.nextInt(4);
        BigDecimal unit = money(random, 120);
        BigDecimal net = unit.multiply(BigDecimal.valueOf(quantity));
        BigDecimal tax = net.multiply(new BigDecimal("0.20")).setScale(2, RoundingMode.HALF_UP);
        Instant created = BASE.minus(365, ChronoUnit.DAYS).plus(index % 365, ChronoUnit.DAYS);
        r.put("orderNumber", String.valueOf(50_001 + index));
        r.put("country", "GBR");
        r.put("currency", "GBP");
        r.put("createdDate", created.toString());
        r.put("closedDate", created.plus(2, ChronoUnit.DAYS).toString());
        r.put("totalAmount", net.add(tax));
        r.put("totalTaxAmount", tax);
        r.put("totalDiscount", 0);
        r.put("totalRefund", 0);
        r.put("totalGratuity", 0);
        r.put("customerRef", Map.of("id", id("commerce-customers", customer), "name", "Customer " + customer));
        r.put("orderLineItems", List.of(Map.of("id", id("commerce-orders", index) + "-1", "quantity", quantity,
                "unitPrice", unit, "taxPercentage", 20, "totalAmount", net.add(tax), "totalTaxAmount", tax)));
    }

    private static Map<String, Object> address(SplittableRandom random, String type) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", type);
        a.put("line1", (1 + random.nextInt(200)) + " " + NAMES[random.nextInt(NAMES.length)] + " Street");
        a.put("city", new String[] {"London", "Leeds", "Bristol", "Glasgow", "Cardiff"}[random.nextInt(5)]);
        a.put("postalCode", "AB" + (1 + random.nextInt(99)) + " " + random.nextInt(10) + "CD");
        a.put("country", "GB");
        return a;
    }

    private static String companyName(int index) {
        return NAMES[index % NAMES.length] + " " + SUFFIXES[(index / NAMES.length) % SUFFIXES.length]
                + (index >= NAMES.length * SUFFIXES.length ? " " + (index / (NAMES.length * SUFFIXES.length)) : "");
    }

    private static String firstName(SplittableRandom random) {
        return new String[] {"Alex", "Sam", "Priya", "Jordan", "Mei", "Tomasz", "Aisha", "Liam"}[random.nextInt(8)];
    }

    private static BigDecimal money(SplittableRandom random, int max) {
        return BigDecimal.valueOf(100 + random.nextLong(max * 100L), 2);
    }

    private SplittableRandom random(String dataType, int index) {
        long typeHash = Arrays.hashCode(dataType.getBytes(StandardCharsets.UTF_8));
        return new SplittableRandom(seed * 31 + typeHash * 1_000_003L + index);
    }

    static List<Integer> range(int from, int to) {
        List<Integer> all = new ArrayList<>(Math.max(0, to - from));
        for (int i = from; i < to; i++) {
            all.add(i);
        }
        return all;
    }
}
