package dev.bridgekeeper.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.platform.DataType;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.sandbox.internal.SandboxDataProperties.Volume;
import dev.bridgekeeper.support.CodatSchemas;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sandbox Accounting's newer data types: every record validates against Codat's schema of its data type, every
 * reference resolves, and the money agrees: statement lines run to the bank accounts' balances, account
 * transactions are the records that moved the money, and the books post direct incomes and costs.
 */
class AccountingRecordsTest {

    private static final Instant AT = SandboxRecords.BASE;
    private static final List<String> NEW_TYPES = List.of("billCreditNotes", "purchaseOrders", "directCosts",
            "directIncomes", "transfers", "bankTransactions", "accountTransactions", "taxRates", "trackingCategories",
            "items", "journals", "paymentMethods");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxRecords accounting = new SandboxRecords(SandboxPlatform.ACCOUNTING, SandboxUser.GOOD,
            Volume.DEFAULT);

    @Test
    void everyRecordOfTheNewerDataTypesValidatesAgainstCodatsSchema() {
        CodatSchemas codat = CodatSchemas.accounting();
        Map<String, Integer> checked = new LinkedHashMap<>();
        for (String type : NEW_TYPES) {
            String schema = DataTypes.find(type).map(DataType::endpoints).orElseThrow().get(0).schema();
            List<Map<String, Object>> records = all(type);
            assertThat(records).as(type).isNotEmpty();
            for (Map<String, Object> record : records) {
                codat.assertValid(JSON.valueToTree(record), schema);
            }
            checked.put(type, records.size());
        }
        // the volume the ITs and the contract test read: every type has records of every kind it generates
        assertThat(checked).containsEntry("taxRates", 5).containsEntry("trackingCategories", 7)
                .containsEntry("items", 6).containsEntry("journals", 2).containsEntry("paymentMethods", 4)
                .containsEntry("transfers", 12).containsEntry("billCreditNotes", 10)
                .containsEntry("purchaseOrders", 20).containsEntry("directCosts", 20)
                .containsEntry("directIncomes", 20);
        assertThat(checked.get("bankTransactions")).isEqualTo(checked.get("accountTransactions")).isGreaterThan(100);
    }

    @Test
    void theOlderAccountingRecordsValidateToo() {
        CodatSchemas codat = CodatSchemas.accounting();
        Map.of("chartOfAccounts", "AccountingAccount", "customers", "AccountingCustomer", "suppliers",
                "AccountingSupplier", "invoices", "AccountingInvoice", "bills", "AccountingBill", "payments",
                "AccountingPayment", "billPayments", "AccountingBillPayment", "creditNotes", "AccountingCreditNote",
                "journalEntries", "AccountingJournalEntry", "bankAccounts", "AccountingBankAccount")
                .forEach((type, schema) -> all(type).forEach(r -> codat.assertValid(JSON.valueToTree(r), schema)));
    }

    @Test
    void theSchemaCheckRefusesWhatCodatsSchemaRefuses() {
        CodatSchemas codat = CodatSchemas.accounting();
        Map<String, Object> line = new LinkedHashMap<>(accounting.record("bankTransactions", 0, AT));
        assertThat(codat.errors(JSON.valueToTree(line), "AccountingBankTransaction")).isEmpty();
        line.put("transactionType", "Cheque");
        line.put("amount", "12.00");
        assertThat(codat.errors(JSON.valueToTree(line), "AccountingBankTransaction")).hasSize(2);
        Map<String, Object> item = new LinkedHashMap<>(accounting.record("items", 0, AT));
        item.remove("isBillItem");
        assertThat(codat.errors(JSON.valueToTree(item), "AccountingItem")).singleElement().asString()
                .contains("isBillItem");
    }

    @Test
    void referencesResolveToRecordsThatExist() {
        Set<String> taxRates = ids("taxRates");
        Set<String> items = ids("items");
        Set<String> tracking = ids("trackingCategories");
        Set<String> suppliers = ids("suppliers");
        Set<String> customers = ids("customers");
        Set<String> accounts = ids("chartOfAccounts");
        for (String type : List.of("invoices", "bills", "creditNotes", "billCreditNotes", "purchaseOrders",
                "directCosts", "directIncomes")) {
            for (Map<String, Object> record : all(type)) {
                for (Object line : (List<?>) record.get("lineItems")) {
                    Map<?, ?> l = (Map<?, ?>) line;
                    assertThat(taxRates).as(type).contains(id(l.get("taxRateRef")));
                    assertThat(items).as(type).contains(id(l.get("itemRef")));
                    assertThat(accounts).as(type).contains(id(l.get("accountRef")));
                    if (l.get("trackingCategoryRefs") instanceof List<?> refs) {
                        refs.forEach(ref -> assertThat(tracking).contains(id(ref)));
                    }
                }
            }
        }
        all("billCreditNotes").forEach(r -> assertThat(suppliers).contains(id(r.get("supplierRef"))));
        all("purchaseOrders").forEach(r -> assertThat(suppliers).contains(id(r.get("supplierRef"))));
        all("directCosts").forEach(r -> assertThat(suppliers).contains(id(r.get("contactRef"))));
        all("directIncomes").forEach(r -> assertThat(customers).contains(id(r.get("contactRef"))));
        all("trackingCategories").stream().filter(c -> c.containsKey("parentId"))
                .forEach(c -> assertThat(tracking).contains((String) c.get("parentId")));
        Set<String> journals = ids("journals");
        all("journalEntries").forEach(e -> assertThat(journals).contains(id(e.get("journalRef"))));
        Set<String> methods = ids("paymentMethods");
        all("payments").forEach(p -> assertThat(methods).contains(id(p.get("paymentMethodRef"))));
        all("items").forEach(i -> {
            for (String side : List.of("billItem", "invoiceItem")) {
                if (i.get(side) instanceof Map<?, ?> details) {
                    assertThat(accounts).contains(id(details.get("accountRef")));
                }
            }
        });
    }

    @Test
    void statementLinesRunToTheBankAccountsBalances() {
        Map<String, Map<String, Object>> bankAccounts = new HashMap<>();
        all("bankAccounts").forEach(a -> bankAccounts.put((String) a.get("id"), a));
        Map<String, BigDecimal> last = new HashMap<>();
        for (Map<String, Object> line : all("bankTransactions")) {
            String account = (String) line.get("accountId");
            assertThat(bankAccounts).containsKey(account);
            BigDecimal amount = (BigDecimal) line.get("amount");
            BigDecimal balance = (BigDecimal) line.get("balance");
            if (last.containsKey(account)) {
                assertThat(balance).as(line.get("id").toString())
                        .isEqualByComparingTo(last.get(account).add(amount));
            }
            last.put(account, balance);
        }
        assertThat(last).hasSize(bankAccounts.size());
        last.forEach((account, balance) -> assertThat(balance).as(account)
                .isEqualByComparingTo((BigDecimal) bankAccounts.get(account).get("balance")));
    }

    @Test
    void accountTransactionsAreTheRecordsThatMovedTheMoney() {
        List<Map<String, Object>> lines = all("bankTransactions");
        List<Map<String, Object>> transactions = all("accountTransactions");
        Map<String, Set<String>> ids = new HashMap<>();
        for (int i = 0; i < transactions.size(); i++) {
            Map<String, Object> transaction = transactions.get(i);
            assertThat((BigDecimal) transaction.get("totalAmount"))
                    .isEqualByComparingTo((BigDecimal) lines.get(i).get("amount"));
            assertThat(id(transaction.get("bankAccountRef"))).isEqualTo(lines.get(i).get("accountId"));
            Map<?, ?> recordRef = (Map<?, ?>) ((Map<?, ?>) ((List<?>) transaction.get("lines")).get(0))
                    .get("recordRef");
            String dataType = (String) recordRef.get("dataType");
            assertThat(ids.computeIfAbsent(dataType, this::ids)).as(dataType).contains((String) recordRef.get("id"));
        }
        assertThat(ids).containsOnlyKeys("payments", "billPayments", "journalEntries", "directCosts", "directIncomes",
                "transfers");
        for (Map<String, Object> transfer : all("transfers")) {
            Map<?, ?> from = (Map<?, ?>) transfer.get("from");
            Map<?, ?> to = (Map<?, ?>) transfer.get("to");
            assertThat(SandboxDraws.toGbp((BigDecimal) to.get("amount"), (String) to.get("currency")))
                    .isEqualByComparingTo((BigDecimal) from.get("amount"));
            assertThat(ids("bankAccounts")).contains(id(from.get("accountRef")), id(to.get("accountRef")));
        }
    }

    @Test
    void theBooksPostDirectIncomesAsOtherIncome() {
        BigDecimal income = all("directIncomes").stream().map(d -> (BigDecimal) d.get("subTotal"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal reported = all("profitAndLoss").stream().map(p -> (BigDecimal) p.get("netOtherIncome"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(reported).isEqualByComparingTo(income).isPositive();
    }

    @Test
    void theCashFlowStatementIsEachMonthsMovementOfCashAndCodatsShape() {
        List<Map<String, Object>> flows = all("cashFlowStatement");
        List<Map<String, Object>> sheets = all("balanceSheet");
        assertThat(flows).hasSize(AccountingLedger.MONTHS);
        CodatSchemas codat = CodatSchemas.accounting();
        // cash when the books open: share capital and the retained earnings brought forward
        BigDecimal before = AccountingLedger.SHARE_CAPITAL.add(value(item(sheets.get(0).get("equity"), "acc-7")))
                .subtract((BigDecimal) all("profitAndLoss").get(0).get("netProfit"));
        for (int m = 0; m < flows.size(); m++) {
            Map<String, Object> flow = flows.get(m);
            assertThat(flow.get("fromDate")).isEqualTo(AccountingLedger.FIRST_MONTH.plusMonths(m).atDay(1)
                    + "T00:00:00");
            ObjectNode statement = JSON.createObjectNode();
            statement.set("reports", JSON.createArrayNode().add(JSON.valueToTree(Map.of("fromDate",
                    flow.get("fromDate"), "toDate", flow.get("toDate"), "cashReceipts", flow.get("cashReceipts"),
                    "cashPayments", flow.get("cashPayments")))));
            statement.put("reportBasis", (String) flow.get("reportBasis"));
            statement.put("reportInput", (String) flow.get("reportInput"));
            statement.put("currency", (String) flow.get("currency"));
            assertThat(codat.errors(statement, "AccountingCashFlowStatement")).isEmpty();

            BigDecimal cash = value(item(sheets.get(m).get("assets"), "acc-0"));
            BigDecimal net = value(flow.get("cashReceipts")).subtract(value(flow.get("cashPayments")));
            assertThat(net).as("month %d", m).isEqualByComparingTo(cash.subtract(before));
            // each line is the sum of its items
            for (Object line : List.of(flow.get("cashReceipts"), flow.get("cashPayments"))) {
                assertThat(value(line)).isEqualByComparingTo(((List<?>) ((Map<?, ?>) line).get("items")).stream()
                        .map(AccountingRecordsTest::value).reduce(BigDecimal.ZERO, BigDecimal::add));
            }
            before = cash;
        }
        assertThat(flows.stream().map(f -> value(item(f.get("cashReceipts"), "acc-5")))
                .reduce(BigDecimal.ZERO, BigDecimal::add)).isPositive();
    }

    private static BigDecimal value(Object line) {
        return (BigDecimal) ((Map<?, ?>) line).get("value");
    }

    private static Object item(Object line, String accountId) {
        return ((List<?>) ((Map<?, ?>) line).get("items")).stream()
                .filter(i -> accountId.equals(((Map<?, ?>) i).get("accountId"))).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> all(String type) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < accounting.count(type); i++) {
            all.add(accounting.record(type, i, AT));
        }
        return all;
    }

    private Set<String> ids(String type) {
        Set<String> ids = new HashSet<>();
        all(type).forEach(r -> ids.add((String) r.get("id")));
        return ids;
    }

    private static String id(Object ref) {
        return (String) ((Map<?, ?>) ref).get("id");
    }
}
