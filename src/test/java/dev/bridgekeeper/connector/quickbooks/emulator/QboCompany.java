package dev.bridgekeeper.connector.quickbooks.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One QuickBooks Online company (realm): its records by entity, and the deletions CDC reports.
 * Stored nodes are never changed in place: an update stores a changed copy, so an answer being
 * written from an older snapshot stays whole.
 */
final class QboCompany {

    /** Every entity the emulator serves, in the order a Codat accounting connector would read them. */
    static final List<String> ENTITIES = List.of("CompanyInfo", "Preferences", "Account", "Customer", "Vendor", "Item",
            "TaxCode", "TaxRate", "Class", "Department", "Invoice", "Bill", "CreditMemo", "VendorCredit", "Payment",
            "BillPayment", "JournalEntry", "Purchase", "Deposit", "Transfer", "Estimate", "PurchaseOrder", "SalesReceipt",
            "RefundReceipt", "PaymentMethod");

    record Tombstone(String entity, String id, Instant at) { }

    final String realmId;
    final String name;
    final ZoneId zone;
    private final Map<String, TreeMap<Long, ObjectNode>> records = new LinkedHashMap<>();
    private final List<Tombstone> deletions = new ArrayList<>();
    private Runnable populator = () -> { };
    private boolean populated;

    QboCompany(String realmId, String name, ZoneId zone) {
        this.realmId = realmId;
        this.name = name;
        this.zone = zone;
        for (String e : ENTITIES) records.put(e, new TreeMap<>());
    }

    /** Fills the company on first use, so a test that uses one realm does not pay for generating the others. */
    synchronized void populateOnFirstUse(Runnable fill) {
        populator = fill;
    }

    private void ensurePopulated() {
        if (!populated) {
            populated = true;
            populator.run();
        }
    }

    /** Loads the committed example bodies ({@code vendor/quickbooks/examples/<Entity>.json}). */
    void loadExamples() {
        for (String entity : ENTITIES) {
            try (InputStream in = QboCompany.class.getResourceAsStream("/vendor/quickbooks/examples/" + entity + ".json")) {
                if (in == null) throw new IllegalStateException("missing example file for " + entity);
                for (JsonNode n : QboWire.JSON.readTree(in)) {
                    ObjectNode copy = (ObjectNode) n.deepCopy();
                    if (entity.equals("CompanyInfo")) copy.put("CompanyName", name).put("LegalName", name);
                    put(entity, copy);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    synchronized void put(String entity, ObjectNode node) {
        records.get(entity).put(Long.parseLong(node.get("Id").asString()), node);
    }

    synchronized long nextId(String entity) {
        ensurePopulated();
        TreeMap<Long, ObjectNode> map = records.get(entity);
        return map.isEmpty() ? 1 : map.lastKey() + 1;
    }

    synchronized List<ObjectNode> list(String entity) {
        ensurePopulated();
        return new ArrayList<>(records.get(entity).values());
    }

    synchronized ObjectNode get(String entity, String id) {
        ensurePopulated();
        try {
            return records.get(entity).get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    synchronized List<Tombstone> deletions() {
        ensurePopulated();
        return new ArrayList<>(deletions);
    }

    /** Applies {@code change} to a copy, bumps SyncToken and MetaData.LastUpdatedTime, and stores it. */
    synchronized ObjectNode update(String entity, String id, Consumer<ObjectNode> change, Instant now) {
        ensurePopulated();
        ObjectNode current = get(entity, id);
        if (current == null) return null;
        ObjectNode next = current.deepCopy();
        change.accept(next);
        next.put("Id", id);
        next.put("SyncToken", String.valueOf(Long.parseLong(current.get("SyncToken").asString()) + 1));
        ((ObjectNode) next.get("MetaData")).put("LastUpdatedTime", metaTime(now));
        put(entity, next);
        return next;
    }

    synchronized ObjectNode create(String entity, ObjectNode node, Instant now) {
        ensurePopulated();
        ObjectNode copy = node.deepCopy();
        copy.put("Id", String.valueOf(nextId(entity)));
        copy.put("SyncToken", "0");
        copy.put("domain", "QBO");
        copy.put("sparse", false);
        ObjectNode meta = copy.putObject("MetaData");
        meta.put("CreateTime", metaTime(now));
        meta.put("LastUpdatedTime", metaTime(now));
        put(entity, copy);
        return copy;
    }

    synchronized boolean delete(String entity, String id, Instant now) {
        ensurePopulated();
        ObjectNode removed = null;
        try {
            removed = records.get(entity).remove(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return false;
        }
        if (removed == null) return false;
        deletions.add(new Tombstone(entity, id, now));
        return true;
    }

    String metaTime(Instant at) {
        return QboWire.META_TIME.format(OffsetDateTime.ofInstant(at, zone));
    }

    static Instant lastUpdated(JsonNode node) {
        return OffsetDateTime.parse(node.get("MetaData").get("LastUpdatedTime").asString()).toInstant();
    }

    synchronized int size(String entity) {
        ensurePopulated();
        return records.get(entity).size();
    }
}
