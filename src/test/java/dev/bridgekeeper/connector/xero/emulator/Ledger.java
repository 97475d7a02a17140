package dev.bridgekeeper.connector.xero.emulator;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One organisation's accounting data as Xero would answer it: records per endpoint ("Invoices", "Contacts", …)
 * kept as the JSON Xero sends, the journals they posted, and attachments. Tests change it through the methods
 * below (each stamps UpdatedDateUTC with the emulator clock, as Xero stamps a change); readers get snapshots.
 */
public final class Ledger {

    /** One stored attachment of a record. */
    record Attachment(UUID attachmentId, String fileName, String mimeType, byte[] content) {}

    private final XeroOrganisation organisation;
    private final Clock clock;
    private final Map<String, Map<String, ObjectNode>> collections = new LinkedHashMap<>();
    private final Map<String, String> idFields = new LinkedHashMap<>();
    private final List<ObjectNode> journals = new ArrayList<>();
    private final Map<String, List<Attachment>> attachments = new LinkedHashMap<>();
    private ObjectNode organisationRecord;
    private Instant lastStamp = Instant.EPOCH;

    Ledger(XeroOrganisation organisation, Clock clock) {
        this.organisation = organisation;
        this.clock = clock;
    }

    public UUID tenantId() {
        return organisation.tenantId();
    }

    public XeroOrganisation organisation() {
        return organisation;
    }

    // ---- building (generator) ----

    synchronized void define(String collection, String idField) {
        collections.putIfAbsent(collection, new LinkedHashMap<>());
        idFields.putIfAbsent(collection, idField);
    }

    synchronized void add(String collection, ObjectNode record) {
        String id = record.path(idFields.get(collection)).asString("");
        if (id.isEmpty()) {
            throw new IllegalArgumentException(collection + " record without " + idFields.get(collection));
        }
        collections.get(collection).putIfAbsent(id, record);
        noteStamp(record);
    }

    synchronized void addJournal(ObjectNode journal) {
        journals.add(journal);
    }

    synchronized void setOrganisationRecord(ObjectNode record) {
        this.organisationRecord = record;
    }

    synchronized void addAttachment(String recordId, Attachment attachment) {
        attachments.computeIfAbsent(recordId, id -> new ArrayList<>()).add(attachment);
    }

    private void noteStamp(ObjectNode record) {
        Instant stamp = XeroDates.parseMsJson(record.path("UpdatedDateUTC").asString(""));
        if (stamp != null && stamp.isAfter(lastStamp)) {
            lastStamp = stamp;
        }
    }

    // ---- reading (API) ----

    /** A snapshot of one endpoint's records in their stored order; empty for an unknown endpoint. */
    public synchronized List<ObjectNode> records(String collection) {
        Map<String, ObjectNode> byId = collections.get(collection);
        return byId == null ? List.of() : List.copyOf(byId.values());
    }

    /** How many records an endpoint holds (whatever their status). */
    public synchronized int count(String collection) {
        Map<String, ObjectNode> byId = collections.get(collection);
        return byId == null ? 0 : byId.size();
    }

    /** How many records of an endpoint match, e.g. {@code r -> r.path("Type").asString().equals("ACCPAY")}. */
    public synchronized long count(String collection, java.util.function.Predicate<JsonNode> matching) {
        Map<String, ObjectNode> byId = collections.get(collection);
        return byId == null ? 0 : byId.values().stream().filter(matching).count();
    }

    /** The record with this id (case-insensitive, as Xero's GUIDs are), or null. */
    public synchronized ObjectNode record(String collection, String id) {
        Map<String, ObjectNode> byId = collections.get(collection);
        if (byId == null || id == null) {
            return null;
        }
        ObjectNode exact = byId.get(id);
        if (exact != null) {
            return exact;
        }
        return byId.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(id)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    synchronized boolean hasCollection(String collection) {
        return collections.containsKey(collection);
    }

    synchronized String idField(String collection) {
        return idFields.get(collection);
    }

    public synchronized List<ObjectNode> journals() {
        return List.copyOf(journals);
    }

    synchronized ObjectNode organisationRecord() {
        return organisationRecord;
    }

    synchronized List<Attachment> attachments(String recordId) {
        return List.copyOf(attachments.getOrDefault(recordId, List.of()));
    }

    // ---- changes (tests) ----

    /** Edits a record the way a user would in Xero: the change is applied and UpdatedDateUTC moves to now. */
    public synchronized ObjectNode change(String collection, String id, Consumer<ObjectNode> edit) {
        ObjectNode current = require(collection, id);
        ObjectNode copy = current.deepCopy();
        edit.accept(copy);
        stamp(copy);
        collections.get(collection).put(current.path(idFields.get(collection)).asString(), copy);
        if (postsJournals(collection, current) && postsJournals(collection, copy)) {
            reverseJournalsOf(current, copy);
            repostJournalsOf(copy);
        }
        return copy;
    }

    /** Touches a record without changing its content, as a no-op save in Xero would. */
    public ObjectNode touch(String collection, String id) {
        return change(collection, id, record -> {});
    }

    /** Voids an invoice, bill or credit note: status VOIDED, amounts due zero, its journals reversed. */
    public synchronized ObjectNode voidDocument(String collection, String id) {
        if (!List.of("Invoices", "CreditNotes", "ManualJournals").contains(collection)) {
            throw new IllegalArgumentException("Xero voids invoices, bills, credit notes and manual journals, not "
                    + collection + "; delete it instead");
        }
        ObjectNode current = require(collection, id);
        ObjectNode copy = current.deepCopy();
        copy.put("Status", "VOIDED");
        if (copy.has("AmountDue")) {
            copy.put("AmountDue", new BigDecimal("0.00"));
        }
        if (copy.has("RemainingCredit")) {
            copy.put("RemainingCredit", new BigDecimal("0.00"));
        }
        stamp(copy);
        collections.get(collection).put(current.path(idFields.get(collection)).asString(), copy);
        if (postsJournals(collection, current)) {
            reverseJournalsOf(current, copy);
        }
        return copy;
    }

    /**
     * Deletes a record as Xero does: draft documents, bank transactions, payments and bank transfers get
     * status DELETED (and stay listable); items and tracking options would disappear, which this emulator does
     * by removing the record.
     */
    public synchronized ObjectNode delete(String collection, String id) {
        if (collection.equals("Contacts")) {
            throw new IllegalArgumentException("Xero archives contacts rather than deleting them; use archiveContact");
        }
        ObjectNode current = require(collection, id);
        if (collection.equals("Items")) {
            collections.get(collection).remove(current.path("ItemID").asString());
            return current;
        }
        ObjectNode copy = current.deepCopy();
        copy.put("Status", "DELETED");
        stamp(copy);
        collections.get(collection).put(current.path(idFields.get(collection)).asString(), copy);
        if (postsJournals(collection, current)) {
            reverseJournalsOf(current, copy);
        }
        return copy;
    }

    /** Archives a contact (ContactStatus ARCHIVED): hidden from GET Contacts unless includeArchived=true. */
    public synchronized ObjectNode archiveContact(String contactId) {
        ObjectNode current = require("Contacts", contactId);
        ObjectNode copy = current.deepCopy();
        copy.put("ContactStatus", "ARCHIVED");
        stamp(copy);
        collections.get("Contacts").put(current.path("ContactID").asString(), copy);
        return copy;
    }

    /** Adds a record (as if created in Xero now); its UpdatedDateUTC is now. */
    public synchronized ObjectNode create(String collection, ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        stamp(copy);
        add(collection, copy);
        if (postsJournals(collection, copy)) {
            repostJournalsOf(copy);
        }
        return copy;
    }

    private ObjectNode require(String collection, String id) {
        ObjectNode record = record(collection, id);
        if (record == null) {
            throw new NoSuchElementException("no " + collection + " record " + id + " in " + organisation.name());
        }
        return record;
    }

    private void stamp(ObjectNode record) {
        // whole milliseconds, as Xero's dates carry, and strictly later than anything before, so If-Modified-Since
        // always sees a change (two changes within one millisecond would otherwise share a stamp)
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        lastStamp = now.isAfter(lastStamp) ? now : lastStamp.plusMillis(1);
        record.put("UpdatedDateUTC", XeroDates.msJson(lastStamp));
        if (record.has("UpdatedDateUTCString")) {
            record.put("UpdatedDateUTCString", lastStamp.toString().replaceFirst("\\.\\d+Z$", "Z"));
        }
    }

    private boolean postsJournals(String collection, ObjectNode record) {
        return LedgerGenerator.JOURNAL_SOURCES.contains(collection) && JournalPosting.posts(record);
    }

    private void reverseJournalsOf(ObjectNode before, ObjectNode after) {
        String sourceId = JournalPosting.sourceId(before);
        List<ObjectNode> posted = journals.stream().filter(j -> j.path("SourceID").asString("").equals(sourceId))
                .toList();
        // net of everything posted so far for the document, reversed in one journal
        ObjectNode net = JournalPosting.netOf(posted);
        if (net == null) {
            return;
        }
        appendJournal(JournalPosting.reversal(net, sourceId, after), after);
    }

    private void repostJournalsOf(ObjectNode record) {
        ObjectNode journal = JournalPosting.journalFor(record, this);
        if (journal != null) {
            appendJournal(journal, record);
        }
    }

    private void appendJournal(ObjectNode journal, ObjectNode cause) {
        int next = journals.stream().mapToInt(j -> j.path("JournalNumber").asInt(0)).max().orElse(0) + 1;
        journal.put("JournalNumber", next);
        journal.put("JournalID", UUID.nameUUIDFromBytes((tenantId() + "/journal/" + next).getBytes()).toString());
        journal.put("CreatedDateUTC", cause.path("UpdatedDateUTC").asString(XeroDates.msJson(clock.instant())));
        journals.add(journal);
    }

    synchronized ObjectNode accountByCode(String code) {
        Map<String, ObjectNode> accounts = collections.get("Accounts");
        if (accounts == null) {
            return null;
        }
        for (ObjectNode account : accounts.values()) {
            if (code.equals(account.path("Code").asString(""))) {
                return account;
            }
        }
        return null;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static boolean isStatus(JsonNode record, String... statuses) {
        String status = record.path("Status").asString("");
        for (String s : statuses) {
            if (s.equals(status)) {
                return true;
            }
        }
        return false;
    }
}
