package dev.bridgekeeper.sandbox.internal;

import static dev.bridgekeeper.sandbox.internal.SandboxDraws.NAMES;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.address;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.firstName;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.money;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.ref;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.vat;

import dev.bridgekeeper.sandbox.internal.SandboxDataProperties.Volume;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Sandbox Commerce: a shop with customers and a product catalogue; each order buys one product, is paid by card
 * (a payment) and settles as two transactions, the payment and the provider's fee.
 */
final class CommerceRecords implements RecordGenerator {

    private static final String[] PRODUCTS = {"Linen Tote", "Ceramic Mug", "Walnut Board", "Wool Scarf",
            "Brass Lamp", "Cotton Apron", "Oak Stool", "Glass Vase"};
    /** The card processor's fee: 1.4 % plus 20p. */
    private static final BigDecimal FEE_RATE = new BigDecimal("0.014");
    private static final BigDecimal FEE_FIXED = new BigDecimal("0.20");

    private final SandboxDraws draws;
    private final Volume volume;
    private final String organisation;
    private final UUID organisationId;

    CommerceRecords(SandboxDraws draws, Volume volume, String organisation, UUID organisationId) {
        this.draws = draws;
        this.volume = volume;
        this.organisation = organisation;
        this.organisationId = organisationId;
    }

    @Override
    public List<String> dataTypes() {
        return List.of("commerce-companyInfo", "commerce-customers", "commerce-products", "commerce-orders",
                "commerce-payments", "commerce-transactions");
    }

    @Override
    public int count(String dataType) {
        return switch (dataType) {
            case "commerce-companyInfo" -> 1;
            case "commerce-customers" -> volume.customers();
            case "commerce-products" -> Math.max(1, volume.products());
            case "commerce-orders", "commerce-payments" -> volume.orders();
            case "commerce-transactions" -> 2 * volume.orders();
            default -> 0;
        };
    }

    @Override
    public String prefix(String dataType) {
        return switch (dataType) {
            case "commerce-companyInfo" -> "shop";
            case "commerce-customers" -> "ccus";
            case "commerce-products" -> "prod";
            case "commerce-orders" -> "ord";
            case "commerce-payments" -> "cpay";
            default -> "ctxn";
        };
    }

    @Override
    public void fill(Map<String, Object> r, String dataType, int index) {
        switch (dataType) {
            case "commerce-companyInfo" -> companyInfo(r);
            case "commerce-customers" -> customer(r, index, draws.random(dataType, index));
            case "commerce-products" -> product(r, index);
            case "commerce-orders" -> order(r, index);
            case "commerce-payments" -> payment(r, index);
            default -> transaction(r, index);
        }
    }

    private void companyInfo(Map<String, Object> r) {
        SplittableRandom random = draws.random("commerce-companyInfo", 0);
        r.put("companyName", organisation);
        r.put("commercePlatformRef", organisationId.toString());
        r.put("companyLegalName", organisation);
        r.put("addresses", List.of(address(random, "Billing")));
        r.put("phoneNumbers", List.of(Map.of("number", SandboxDraws.phone(random), "type", "Primary")));
        r.put("webLinks", List.of(Map.of("type", "Website", "url", "https://shop.example/"
                + organisationId.toString().substring(0, 8))));
        r.put("registrationNumber", SandboxDraws.digits(random, 8));
        r.put("baseCurrency", "GBP");
        BigDecimal available = money(random, 20_000);
        r.put("accountBalances", List.of(Map.of("available", available, "pending", money(random, 2_000),
                "reserved", 0, "currency", "GBP")));
        r.put("createdDate", "2020-02-10T10:00:00Z");
    }

    private void customer(Map<String, Object> r, int index, SplittableRandom random) {
        String first = firstName(random);
        String last = NAMES[random.nextInt(NAMES.length)];
        r.put("customerName", first + " " + last);
        r.put("emailAddress", (first + "." + last).toLowerCase() + index + "@mail.example");
        r.put("phone", "+44 7700 9" + String.format("%05d", random.nextInt(100_000)));
        r.put("defaultCurrency", "GBP");
        r.put("addresses", List.of(address(random, "Delivery")));
        r.put("createdDate", SandboxRecords.BASE.minus(400 - index % 400, ChronoUnit.DAYS).toString());
    }

    /** A product's price: the first draw of its stream, so orders can quote it without the whole product. */
    private BigDecimal price(int product) {
        return money(draws.random("commerce-products", product), 120);
    }

    private String productName(int product) {
        return PRODUCTS[product % PRODUCTS.length] + (product >= PRODUCTS.length
                ? " " + (char) ('A' + (product / PRODUCTS.length - 1) % 26) + (product / (PRODUCTS.length * 26) == 0
                        ? "" : String.valueOf(product / (PRODUCTS.length * 26))) : "");
    }

    private void product(Map<String, Object> r, int index) {
        SplittableRandom random = draws.random("commerce-products", index);
        BigDecimal unit = money(random, 120);
        String created = SandboxRecords.BASE.minus(500 - index % 300, ChronoUnit.DAYS).toString();
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("id", "prod-" + index + "-v1");
        variant.put("name", productName(index) + " (standard)");
        variant.put("isTaxEnabled", true);
        variant.put("sku", "SKU-" + (10_000 + index));
        variant.put("barcode", "50" + SandboxDraws.digits(random, 11));
        variant.put("unitOfMeasure", "each");
        variant.put("vatPercentage", 20);
        variant.put("prices", List.of(Map.of("currency", "GBP", "unitPrice", unit)));
        variant.put("inventory", Map.of("totalQuantity", random.nextInt(500), "locations", List.of()));
        variant.put("shippingRequired", true);
        variant.put("status", index % 10 == 9 ? "Unpublished" : "Published");
        variant.put("createdDate", created);
        r.put("name", productName(index));
        r.put("categorization", index % 2 == 0 ? "Homeware" : "Accessories");
        r.put("isGiftCard", false);
        r.put("variants", List.of(variant));
    }

    /** Order {@code index}'s figures: which customer bought how many of which product, and when. */
    private record Sale(int customer, int product, int quantity, BigDecimal unit, BigDecimal net, BigDecimal tax,
            BigDecimal total, Instant created) {}

    private Sale sale(int index) {
        SplittableRandom random = draws.random("commerce-orders", index);
        int customer = index % Math.max(1, volume.customers());
        int product = random.nextInt(count("commerce-products"));
        int quantity = 1 + random.nextInt(4);
        BigDecimal unit = price(product);
        BigDecimal net = unit.multiply(BigDecimal.valueOf(quantity));
        BigDecimal tax = vat(net);
        Instant created = SandboxRecords.BASE.minus(365, ChronoUnit.DAYS).plus(index % 365, ChronoUnit.DAYS);
        return new Sale(customer, product, quantity, unit, net, tax, net.add(tax), created);
    }

    private void order(Map<String, Object> r, int index) {
        Sale sale = sale(index);
        r.put("orderNumber", String.valueOf(50_001 + index));
        r.put("country", "GBR");
        r.put("currency", "GBP");
        r.put("createdDate", sale.created().toString());
        r.put("closedDate", sale.created().plus(2, ChronoUnit.DAYS).toString());
        r.put("totalAmount", sale.total());
        r.put("totalTaxAmount", sale.tax());
        r.put("totalDiscount", 0);
        r.put("totalRefund", 0);
        r.put("totalGratuity", 0);
        r.put("customerRef", ref("ccus-" + sale.customer(), "name", "Customer " + sale.customer()));
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", "ord-" + index + "-1");
        line.put("quantity", sale.quantity());
        line.put("unitPrice", sale.unit());
        line.put("taxPercentage", 20);
        line.put("totalAmount", sale.total());
        line.put("totalTaxAmount", sale.tax());
        line.put("productRef", ref("prod-" + sale.product(), "name", productName(sale.product())));
        line.put("productVariantRef", ref("prod-" + sale.product() + "-v1", "name",
                productName(sale.product()) + " (standard)"));
        r.put("orderLineItems", List.of(line));
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("id", "cpay-" + index);
        payment.put("amount", sale.total());
        payment.put("currency", "GBP");
        payment.put("type", "OnlineCard");
        payment.put("status", "Paid");
        payment.put("paymentProvider", "Sandbox Pay");
        r.put("payments", List.of(payment));
    }

    private void payment(Map<String, Object> r, int index) {
        Sale sale = sale(index);
        r.put("amount", sale.total());
        r.put("currency", "GBP");
        r.put("paymentMethodRef", ref("pm-card", "name", "Card"));
        r.put("status", "Paid");
        r.put("paymentProvider", "Sandbox Pay");
        r.put("dueDate", sale.created().toString());
        r.put("createdDate", sale.created().toString());
    }

    private void transaction(Map<String, Object> r, int index) {
        int order = index / 2;
        Sale sale = sale(order);
        boolean fee = index % 2 == 1;
        BigDecimal amount = fee ? sale.total().multiply(FEE_RATE).add(FEE_FIXED).setScale(2, RoundingMode.HALF_UP)
                .negate() : sale.total();
        Instant when = sale.created().plus(fee ? 1 : 0, ChronoUnit.HOURS);
        r.put("totalAmount", amount);
        r.put("currency", "GBP");
        r.put("type", fee ? "PaymentFee" : "Payment");
        r.put("subType", fee ? "Card processing fee" : "Card payment");
        r.put("transactionSourceRef", Map.of("id", "cpay-" + order, "type", "Payment"));
        r.put("createdDate", when.toString());
        r.put("sourceCreatedDate", when.toString());
    }
}
