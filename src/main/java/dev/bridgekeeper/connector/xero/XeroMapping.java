package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.ConnectorRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Xero's records in Codat's standard model (docs/connectors/xero.md has the table this follows). Fields Xero leaves
 * out stay out; nothing is written as null. A record Xero marks DELETED keeps its content with
 * {@code metadata.isDeleted}; VOIDED invoices are {@code Void}; archived contacts and accounts are {@code Archived}.
 */
final class XeroMapping {

    private final JsonMapper json;

    XeroMapping(JsonMapper json) {
        this.json = json;
    }

    /** {@code company} from {@code GET /Organisation}. */
    ConnectorRecord company(JsonNode org, Instant now) {
        ObjectNode r = json.createObjectNode();
        String id = text(org, "OrganisationID");
        r.put("id", id);
        put(r, "companyName", text(org, "Name"));
        put(r, "companyLegalName", text(org, "LegalName"));
        put(r, "accountingPlatformRef", id);
        put(r, "baseCurrency", text(org, "BaseCurrency"));
        put(r, "registrationNumber", text(org, "RegistrationNumber"));
        put(r, "taxNumber", text(org, "TaxNumber"));
        put(r, "createdDate", XeroDates.timestamp(XeroDates.instant(text(org, "CreatedDateUTC"))));
        put(r, "ledgerLockDate", XeroDates.date(XeroDates.instant(text(org, "PeriodLockDate"))));
        int endDay = org.path("FinancialYearEndDay").asInt(0);
        int endMonth = org.path("FinancialYearEndMonth").asInt(0);
        if (endDay > 0 && endMonth > 0) {
            put(r, "financialYearStartDate", XeroDates.date(financialYearStart(endMonth, endDay, now)));
        }
        ArrayNode addresses = addresses(org.path("Addresses"));
        if (!addresses.isEmpty()) {
            r.set("addresses", addresses);
        }
        ArrayNode phones = json.createArrayNode();
        for (JsonNode phone : org.path("Phones")) {
            String number = phone(phone);
            if (number != null) {
                phones.addObject().put("number", number).put("type", phoneType(text(phone, "PhoneType")));
            }
        }
        if (!phones.isEmpty()) {
            r.set("phoneNumbers", phones);
        }
        ArrayNode links = json.createArrayNode();
        for (JsonNode link : org.path("ExternalLinks")) {
            String url = text(link, "Url");
            if (url != null) {
                links.addObject().put("type", "Website".equalsIgnoreCase(text(link, "LinkType")) ? "Website"
                        : "Social").put("url", url);
            }
        }
        if (!links.isEmpty()) {
            r.set("webLinks", links);
        }
        String shortCode = text(org, "ShortCode");
        if (shortCode != null) {
            r.putObject("sourceUrls").put("organisation",
                    "https://go.xero.com/organisationlogin/default.aspx?shortcode=" + shortCode);
        }
        return record(id, r, null, false);
    }

    /** {@code chartOfAccounts} from {@code GET /Accounts}. */
    ConnectorRecord account(JsonNode a) {
        ObjectNode r = json.createObjectNode();
        String id = text(a, "AccountID");
        r.put("id", id);
        put(r, "nominalCode", text(a, "Code"));
        put(r, "name", text(a, "Name"));
        put(r, "description", text(a, "Description"));
        String type = switch (String.valueOf(text(a, "Class")).toUpperCase(Locale.ROOT)) {
            case "ASSET" -> "Asset";
            case "LIABILITY" -> "Liability";
            case "EQUITY" -> "Equity";
            case "REVENUE" -> "Income";
            case "EXPENSE" -> "Expense";
            default -> "Unknown";
        };
        String category = type + "." + title(text(a, "Type"));
        r.put("fullyQualifiedCategory", category);
        put(r, "fullyQualifiedName", text(a, "Name") == null ? null : category + "." + text(a, "Name"));
        put(r, "currency", text(a, "CurrencyCode"));
        r.put("type", type);
        String status = String.valueOf(text(a, "Status")).toUpperCase(Locale.ROOT);
        r.put("status", switch (status) {
            case "ACTIVE" -> "Active";
            case "ARCHIVED" -> "Archived";
            default -> "Unknown";
        });
        r.put("isBankAccount", "BANK".equalsIgnoreCase(text(a, "Type")));
        Instant updated = XeroDates.instant(text(a, "UpdatedDateUTC"));
        return record(id, r, updated, "DELETED".equals(status));
    }

    /** {@code customers} or {@code suppliers} from {@code GET /Contacts}. */
    ConnectorRecord contact(JsonNode c, boolean customer) {
        ObjectNode r = json.createObjectNode();
        String id = text(c, "ContactID");
        r.put("id", id);
        put(r, customer ? "customerName" : "supplierName", text(c, "Name"));
        String person = join(text(c, "FirstName"), text(c, "LastName"));
        put(r, "contactName", person);
        put(r, "emailAddress", text(c, "EmailAddress"));
        for (JsonNode phone : c.path("Phones")) {
            if ("DEFAULT".equalsIgnoreCase(text(phone, "PhoneType")) && phone(phone) != null) {
                r.put("phone", phone(phone));
            }
        }
        ArrayNode addresses = addresses(c.path("Addresses"));
        if (!addresses.isEmpty()) {
            r.set("addresses", addresses);
        }
        put(r, "registrationNumber", text(c, "CompanyNumber"));
        put(r, "taxNumber", text(c, "TaxNumber"));
        put(r, "defaultCurrency", text(c, "DefaultCurrency"));
        String status = String.valueOf(text(c, "ContactStatus")).toUpperCase(Locale.ROOT);
        String codatStatus = switch (status) {
            case "ACTIVE" -> "Active";
            case "ARCHIVED", "GDPRREQUEST" -> "Archived";
            default -> "Unknown";
        };
        r.put("status", codatStatus);
        if (customer) {
            ArrayNode people = json.createArrayNode();
            for (JsonNode p : c.path("ContactPersons")) {
                ObjectNode contact = people.addObject();
                put(contact, "name", join(text(p, "FirstName"), text(p, "LastName")));
                put(contact, "email", text(p, "EmailAddress"));
                contact.put("status", codatStatus);
            }
            if (!people.isEmpty()) {
                r.set("contacts", people);
            }
        }
        return record(id, r, XeroDates.instant(text(c, "UpdatedDateUTC")), false);
    }

    /** {@code invoices} from {@code GET /Invoices} (Type ACCREC; ACCPAY ones are bills). */
    ConnectorRecord invoice(JsonNode inv) {
        ObjectNode r = json.createObjectNode();
        String id = text(inv, "InvoiceID");
        r.put("id", id);
        put(r, "invoiceNumber", text(inv, "InvoiceNumber"));
        JsonNode contact = inv.path("Contact");
        if (text(contact, "ContactID") != null) {
            ObjectNode ref = r.putObject("customerRef").put("id", text(contact, "ContactID"));
            put(ref, "companyName", text(contact, "Name"));
        }
        r.put("issueDate", XeroDates.date(XeroDates.instant(text(inv, "Date"))));
        put(r, "dueDate", XeroDates.date(XeroDates.instant(text(inv, "DueDate"))));
        put(r, "paidOnDate", XeroDates.date(XeroDates.instant(text(inv, "FullyPaidOnDate"))));
        put(r, "currency", text(inv, "CurrencyCode"));
        number(r, "currencyRate", inv, "CurrencyRate");
        ArrayNode lines = json.createArrayNode();
        boolean inclusive = "Inclusive".equalsIgnoreCase(text(inv, "LineAmountTypes"));
        for (JsonNode line : inv.path("LineItems")) {
            lines.add(lineItem(line, inclusive));
        }
        r.set("lineItems", lines);
        number(r, "subTotal", inv, "SubTotal");
        number(r, "totalDiscount", inv, "TotalDiscount");
        r.put("totalTaxAmount", decimal(inv, "TotalTax"));
        r.put("totalAmount", decimal(inv, "Total"));
        r.put("amountDue", decimal(inv, "AmountDue"));
        String status = String.valueOf(text(inv, "Status")).toUpperCase(Locale.ROOT);
        boolean paidSome = decimal(inv, "AmountPaid").signum() > 0
                || decimal(inv, "AmountCredited").signum() > 0;
        r.put("status", switch (status) {
            case "DRAFT" -> "Draft";
            case "SUBMITTED" -> "Submitted";
            case "AUTHORISED" -> paidSome ? "PartiallyPaid" : "Submitted";
            case "PAID" -> "Paid";
            case "VOIDED" -> "Void";
            default -> "Unknown";
        });
        put(r, "note", text(inv, "Reference"));
        return record(id, r, XeroDates.instant(text(inv, "UpdatedDateUTC")), "DELETED".equals(status));
    }

    ObjectNode lineItem(JsonNode line, boolean inclusive) {
        ObjectNode l = json.createObjectNode();
        put(l, "description", text(line, "Description"));
        l.put("unitAmount", decimal(line, "UnitAmount"));
        l.put("quantity", decimal(line, "Quantity"));
        java.math.BigDecimal amount = decimal(line, "LineAmount");
        java.math.BigDecimal tax = decimal(line, "TaxAmount");
        l.put("subTotal", inclusive ? amount.subtract(tax) : amount);
        l.put("taxAmount", tax);
        l.put("totalAmount", inclusive ? amount : amount.add(tax));
        number(l, "discountPercentage", line, "DiscountRate");
        String accountId = text(line, "AccountID");
        String accountCode = text(line, "AccountCode");
        if (accountId != null || accountCode != null) {
            ObjectNode ref = l.putObject("accountRef").put("id", accountId != null ? accountId : accountCode);
            put(ref, "name", accountCode);
        }
        String itemId = text(line.path("Item"), "ItemID");
        String itemCode = text(line, "ItemCode");
        if (itemId != null || itemCode != null) {
            ObjectNode ref = l.putObject("itemRef").put("id", itemId != null ? itemId : itemCode);
            put(ref, "name", text(line.path("Item"), "Name") != null ? text(line.path("Item"), "Name") : itemCode);
        }
        String taxType = text(line, "TaxType");
        if (taxType != null) {
            l.putObject("taxRateRef").put("id", taxType);
        }
        ArrayNode tracking = json.createArrayNode();
        for (JsonNode t : line.path("Tracking")) {
            String option = text(t, "TrackingOptionID");
            if (option != null) {
                ObjectNode ref = tracking.addObject().put("id", option);
                put(ref, "name", join(text(t, "Name"), text(t, "Option")));
            }
        }
        if (!tracking.isEmpty()) {
            l.set("trackingCategoryRefs", tracking);
        }
        return l;
    }

    ArrayNode addresses(JsonNode xeroAddresses) {
        ArrayNode out = json.createArrayNode();
        for (JsonNode a : xeroAddresses) {
            String line1 = text(a, "AddressLine1");
            String city = text(a, "City");
            String postalCode = text(a, "PostalCode");
            if (line1 == null && city == null && postalCode == null) {
                continue; // Xero lists empty POBOX/STREET addresses
            }
            ObjectNode address = out.addObject();
            address.put("type", switch (String.valueOf(text(a, "AddressType")).toUpperCase(Locale.ROOT)) {
                case "POBOX", "STREET" -> "Billing";
                case "DELIVERY" -> "Delivery";
                default -> "Unknown";
            });
            put(address, "line1", line1);
            put(address, "line2", join(text(a, "AddressLine2"), text(a, "AddressLine3"), text(a, "AddressLine4")));
            put(address, "city", city);
            put(address, "region", text(a, "Region"));
            put(address, "country", text(a, "Country"));
            put(address, "postalCode", postalCode);
        }
        return out;
    }

    /** The most recent start of a financial year that ends on {@code endMonth}/{@code endDay}. */
    static LocalDate financialYearStart(int endMonth, int endDay, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        MonthDay end = MonthDay.of(endMonth, Math.min(endDay, java.time.Month.of(endMonth).minLength()));
        LocalDate start = end.atYear(today.getYear()).plusDays(1);
        return start.isAfter(today) ? end.atYear(today.getYear() - 1).plusDays(1) : start;
    }

    ConnectorRecord record(String id, ObjectNode r, Instant updated, boolean deleted) {
        if (updated != null) {
            r.put("modifiedDate", XeroDates.timestamp(updated));
            r.put("sourceModifiedDate", XeroDates.timestamp(updated));
        }
        if (deleted) {
            r.putObject("metadata").put("isDeleted", true);
        }
        return new ConnectorRecord(id, json.writeValueAsBytes(r), updated, updated, deleted);
    }

    private static String phone(JsonNode phone) {
        String number = text(phone, "PhoneNumber");
        if (number == null) {
            return null;
        }
        return join(text(phone, "PhoneCountryCode"), text(phone, "PhoneAreaCode"), number);
    }

    private static String phoneType(String xero) {
        return switch (String.valueOf(xero).toUpperCase(Locale.ROOT)) {
            case "DEFAULT" -> "Primary";
            case "DDI" -> "Landline";
            case "MOBILE" -> "Mobile";
            case "FAX" -> "Fax";
            default -> "Unknown";
        };
    }

    private static String title(String upper) {
        if (upper == null || upper.isEmpty()) {
            return "Other";
        }
        return upper.charAt(0) + upper.substring(1).toLowerCase(Locale.ROOT);
    }

    /** Non-blank text, or null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        String text = value.asString("");
        return text.isBlank() ? null : text.trim();
    }

    static String join(String... parts) {
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.append(out.length() == 0 ? "" : " ").append(part.trim());
            }
        }
        return out.length() == 0 ? null : out.toString();
    }

    static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    static java.math.BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.decimalValue() : java.math.BigDecimal.ZERO;
    }

    static void number(ObjectNode node, String field, JsonNode from, String xeroField) {
        if (from.path(xeroField).isNumber()) {
            node.put(field, from.path(xeroField).decimalValue());
        }
    }
}
