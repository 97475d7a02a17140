package dev.bridgekeeper.connector.xero.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.connector.emulator.EmulatorClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The generated ledgers: deterministic, sized as asked, and internally consistent. */
class LedgerGeneratorTest {

    private static final Instant AS_OF = Instant.parse("2026-06-30T00:00:00Z");
    private static final XeroOrganisation ORG = new XeroOrganisation(UUID.fromString(
            "11111111-2222-4333-8444-555555555555"), "Generator Test Ltd", "NZ", "NZD", 7L);

    @Test
    void theSameSeedGivesTheSameLedger() {
        Ledger a = LedgerGenerator.generate(ORG, LedgerSize.small(), AS_OF, false, new EmulatorClock());
        Ledger b = LedgerGenerator.generate(ORG, LedgerSize.small(), AS_OF, false, new EmulatorClock());
        for (String collection : new String[] {"Contacts", "Invoices", "Payments", "BankTransactions", "ManualJournals"}) {
            assertThat(a.records(collection).toString()).isEqualTo(b.records(collection).toString());
        }
        assertThat(a.journals().toString()).isEqualTo(b.journals().toString());
        Ledger other = LedgerGenerator.generate(new XeroOrganisation(ORG.tenantId(), ORG.name(), "NZ", "NZD", 8L),
                LedgerSize.small(), AS_OF, false, new EmulatorClock());
        assertThat(other.records("Invoices").toString()).isNotEqualTo(a.records("Invoices").toString());
    }

    @Test
    void theRequestedSizesAreGenerated() {
        // a fifth of LedgerSize.benchmark(), which takes seconds on a busy two-core machine
        LedgerSize size = LedgerSize.benchmark().withContacts(200).withInvoices(1_000).withBankTransactions(4_000);
        long started = System.nanoTime();
        Ledger ledger = LedgerGenerator.generate(ORG, size, AS_OF, false, new EmulatorClock());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(ledger.count("Contacts")).isEqualTo(200);
        assertThat(ledger.count("Invoices")).isEqualTo(1_000);
        assertThat(ledger.count("BankTransactions")).isEqualTo(4_000);
        assertThat(ledger.count("CreditNotes")).isEqualTo(250);
        long bills = ledger.records("Invoices").stream().filter(i -> i.path("Type").asString().equals("ACCPAY")).count();
        assertThat(bills).isBetween(320L, 480L);
        assertThat(ledger.journals().size()).isGreaterThan(5_000);
        System.out.printf("generated %d invoices, %d bank transactions and %d journals in %d ms%n",
                ledger.count("Invoices"), ledger.count("BankTransactions"), ledger.journals().size(), millis);
    }

    @Test
    void documentsAreInternallyConsistent() {
        Ledger ledger = LedgerGenerator.generate(ORG, LedgerSize.small(), AS_OF, true, new EmulatorClock());
        for (ObjectNode invoice : ledger.records("Invoices")) {
            if (!invoice.has("LineAmountTypes") || invoice.path("LineItems").isEmpty()) {
                continue; // documented examples carry no lines
            }
            BigDecimal lines = BigDecimal.ZERO;
            BigDecimal tax = BigDecimal.ZERO;
            for (JsonNode line : invoice.path("LineItems")) {
                lines = lines.add(line.path("LineAmount").decimalValue());
                tax = tax.add(line.path("TaxAmount").decimalValue());
            }
            assertThat(invoice.path("SubTotal").decimalValue()).isEqualByComparingTo(lines);
            assertThat(invoice.path("Total").decimalValue()).isEqualByComparingTo(lines.add(tax));
            BigDecimal paid = invoice.path("AmountPaid").decimalValue();
            if (Ledger.isStatus(invoice, "PAID")) {
                assertThat(paid).isEqualByComparingTo(invoice.path("Total").decimalValue());
                assertThat(invoice.path("AmountDue").decimalValue()).isZero();
            }
            String contactId = invoice.path("Contact").path("ContactID").asString();
            JsonNode contact = ledger.record("Contacts", contactId);
            assertThat(contact).as("contact of " + invoice.path("InvoiceNumber")).isNotNull();
            boolean sale = invoice.path("Type").asString().equals("ACCREC");
            assertThat(contact.path(sale ? "IsCustomer" : "IsSupplier").asBoolean()).isTrue();
        }
        for (ObjectNode payment : ledger.records("Payments")) {
            if (payment.has("Invoice") && ledger.record("Invoices", payment.path("Invoice").path("InvoiceID").asString())
                    != null && payment.path("Account").path("Code").asString().equals("090")) {
                assertThat(payment.path("Amount").decimalValue()).isPositive();
            }
        }
    }

    @Test
    void changesStampUpdatedDateUtcAndPostJournals() {
        EmulatorClock clock = new EmulatorClock();
        Ledger ledger = LedgerGenerator.generate(ORG, LedgerSize.small(), AS_OF, false, clock);
        ObjectNode invoice = ledger.records("Invoices").stream().filter(i -> Ledger.isStatus(i, "AUTHORISED"))
                .findFirst().orElseThrow();
        int journals = ledger.journals().size();
        ObjectNode voided = ledger.voidDocument("Invoices", invoice.path("InvoiceID").asString());
        assertThat(XeroDates.parseMsJson(voided.path("UpdatedDateUTC").asString())).isAfter(AS_OF);
        assertThat(ledger.journals()).hasSize(journals + 1);
        JsonNode reversal = ledger.journals().get(journals);
        assertThat(reversal.path("SourceID").asString()).isEqualTo(invoice.path("InvoiceID").asString());
        BigDecimal net = BigDecimal.ZERO;
        for (JsonNode journal : ledger.journals()) {
            if (journal.path("SourceID").asString().equals(invoice.path("InvoiceID").asString())) {
                for (JsonNode line : journal.path("JournalLines")) {
                    if (line.path("AccountCode").asString().equals(JournalPosting.RECEIVABLES)) {
                        net = net.add(line.path("NetAmount").decimalValue());
                    }
                }
            }
        }
        assertThat(net).as("receivable left by a voided invoice").isZero();
        ObjectNode touched = ledger.touch("Invoices", invoice.path("InvoiceID").asString());
        assertThat(XeroDates.parseMsJson(touched.path("UpdatedDateUTC").asString()))
                .isAfter(XeroDates.parseMsJson(voided.path("UpdatedDateUTC").asString()));
    }

    @Test
    void deletingAndCreatingBehaveAsInXero() {
        Ledger ledger = LedgerGenerator.generate(ORG, LedgerSize.small(), AS_OF, false, new EmulatorClock());
        ObjectNode spend = ledger.records("BankTransactions").stream().filter(b -> Ledger.isStatus(b, "AUTHORISED"))
                .findFirst().orElseThrow();
        int journals = ledger.journals().size();
        ObjectNode deleted = ledger.delete("BankTransactions", spend.path("BankTransactionID").asString());
        assertThat(deleted.path("Status").asString()).isEqualTo("DELETED");
        assertThat(ledger.count("BankTransactions")).isEqualTo(LedgerSize.small().bankTransactions());
        assertThat(ledger.journals()).hasSize(journals + 1);

        String itemId = ledger.records("Items").get(0).path("ItemID").asString();
        ledger.delete("Items", itemId);
        assertThat(ledger.record("Items", itemId)).isNull();

        ObjectNode copy = ledger.records("Invoices").stream().filter(i -> Ledger.isStatus(i, "AUTHORISED"))
                .findFirst().orElseThrow().deepCopy();
        copy.put("InvoiceID", UUID.randomUUID().toString());
        copy.put("InvoiceNumber", "INV-NEW");
        ledger.create("Invoices", copy);
        assertThat(ledger.count("Invoices", i -> i.path("InvoiceNumber").asString().equals("INV-NEW"))).isEqualTo(1);
        assertThat(ledger.journals()).hasSize(journals + 2);
    }
}
