package dev.bridgekeeper.files.internal.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.support.CodatSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** OFX 1.x and 2.x and CAMT.053 statements, read and mapped to Codat's banking records. */
class StatementReadersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CodatSchemas CODAT = CodatSchemas.load("Codat-Banking.json");

    static byte[] file(String name) {
        try (InputStream in = StatementReadersTest.class.getResourceAsStream("/files/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsAnOfx1SgmlStatement() throws StatementException {
        List<BankStatement> read = OfxStatements.read(file("statement-v1.ofx"));
        assertThat(read).hasSize(1);
        BankStatement s = read.get(0);
        assertThat(s.number()).isEqualTo("12345678");
        assertThat(s.bankCode()).isEqualTo("200000");
        assertThat(s.currency()).isEqualTo("GBP");
        assertThat(s.institutionName()).isEqualTo("Example Bank");
        assertThat(s.ledgerBalance()).isEqualByComparingTo("2452.50");
        assertThat(s.availableBalance()).isEqualByComparingTo("2400.00");
        assertThat(s.lines()).extracting(BankStatement.Line::id)
                .containsExactly("202601020001", "202601050002", "202601100003");
        assertThat(s.lines()).extracting(BankStatement.Line::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("1500.00"), new BigDecimal("-42.50"), new BigDecimal("-5.00"));
        assertThat(s.lines().get(0).description()).isEqualTo("Customer payment Invoice 1001");
        assertThat(s.lines().get(1).description()).isEqualTo("Office Supplies & Co");
        assertThat(s.lines().get(1).postedDate()).isEqualTo("2026-01-05T17:00:00Z"); // 12:00 EST
        assertThat(s.lines().get(1).code()).isEqualTo("Purchase");
        assertThat(s.lines().get(0).postedDate()).isEqualTo("2026-01-02T00:00:00");
    }

    @Test
    void readsAnOfx2XmlCreditCardStatement() throws StatementException {
        BankStatement s = OfxStatements.read(file("statement-v2.ofx")).get(0);
        assertThat(s.kind()).isEqualTo("Card");
        assertThat(s.currency()).isEqualTo("EUR");
        assertThat(s.lines()).singleElement().satisfies(line -> {
            assertThat(line.description()).isEqualTo("Café Überall");
            assertThat(line.amount()).isEqualByComparingTo("-99.99");
        });
    }

    @Test
    void readsACamt053StatementsBookedEntries() throws StatementException {
        BankStatement s = Camt053Statements.read(file("statement.camt053.xml")).get(0);
        assertThat(s.iban()).isEqualTo("DE89370400440532013000");
        assertThat(s.bic()).isEqualTo("COBADEFFXXX");
        assertThat(s.holder()).isEqualTo("Tiny Trading GmbH");
        assertThat(s.ledgerBalance()).isEqualByComparingTo("1150.00");
        assertThat(s.lines()).extracting(BankStatement.Line::id).containsExactly("REF-0001", "REF-0002");
        assertThat(s.lines().get(0).description()).isEqualTo("Big Customer AG Invoice 77");
        assertThat(s.lines().get(1).amount()).isEqualByComparingTo("-50.00");
        assertThat(s.lines().get(1).code()).isEqualTo("Fee");
    }

    @Test
    void everyRecordHasCodatsBankingShape() throws StatementException {
        Instant uploaded = Instant.parse("2026-02-02T10:00:00Z");
        List<StatementRecords.Uploaded> all = new java.util.ArrayList<>();
        for (BankStatement s : OfxStatements.read(file("statement-v1.ofx"))) {
            all.add(new StatementRecords.Uploaded(s, uploaded));
        }
        for (BankStatement s : OfxStatements.read(file("statement-v2.ofx"))) {
            all.add(new StatementRecords.Uploaded(s, uploaded));
        }
        for (BankStatement s : Camt053Statements.read(file("statement.camt053.xml"))) {
            all.add(new StatementRecords.Uploaded(s, uploaded));
        }
        StatementRecords records = new StatementRecords(all, JSON);
        assertThat(records.accounts()).hasSize(3);
        assertThat(records.transactions()).hasSize(6);
        records.accounts().forEach(r -> CODAT.assertConforms(JSON.readTree(r.json()), "Account"));
        records.transactions().forEach(r -> CODAT.assertConforms(JSON.readTree(r.json()), "Transaction"));

        // the same statement uploaded twice is the same records, not twice as many
        all.add(all.get(0));
        assertThat(new StatementRecords(all, JSON).transactions()).hasSize(6);
    }

    @Test
    void aBrokenStatementSaysWhy() {
        String noFitid = new String(file("statement-v1.ofx"), StandardCharsets.ISO_8859_1)
                .replace("<FITID>202601050002\n", "");
        assertThatThrownBy(() -> OfxStatements.read(noFitid.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(StatementException.class).hasMessageContaining("Transaction 2").hasMessageContaining(
                        "FITID").hasMessageNotContaining("12345678");
        assertThatThrownBy(() -> OfxStatements.read("OFXHEADER:100\n\nnothing here".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StatementException.class).hasMessageContaining("<OFX>");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt>&x;"
                + "</Stmt></BkToCstmrStmt></Document>";
        assertThatThrownBy(() -> Camt053Statements.read(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StatementException.class).hasMessageNotContaining("root:");
        String badAmount = new String(file("statement.camt053.xml"), StandardCharsets.UTF_8).replace("200.00",
                "two hundred");
        assertThatThrownBy(() -> Camt053Statements.read(badAmount.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StatementException.class).hasMessageContaining("entry 1")
                .hasMessageContaining("two hundred");
    }
}
