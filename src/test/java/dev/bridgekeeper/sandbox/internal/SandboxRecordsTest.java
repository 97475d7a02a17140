package dev.bridgekeeper.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.sandbox.internal.SandboxDataProperties.Volume;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sandbox organisations' generated data is deterministic, self-consistent and balanced. */
class SandboxRecordsTest {

    private static final Instant AT = SandboxRecords.BASE;

    private final SandboxRecords accounting = new SandboxRecords(SandboxPlatform.ACCOUNTING, SandboxUser.GOOD,
            Volume.DEFAULT);
    private final SandboxRecords commerce = new SandboxRecords(SandboxPlatform.COMMERCE, SandboxUser.GOOD,
            Volume.DEFAULT);

    @Test
    void recordsDependOnlyOnOrganisationTypeAndIndex() {
        for (String type : SandboxRecords.dataTypes(SandboxPlatform.ACCOUNTING)) {
            SandboxRecords again = new SandboxRecords(SandboxPlatform.ACCOUNTING, SandboxUser.GOOD, Volume.DEFAULT);
            int last = accounting.count(type) - 1;
            assertThat(again.record(type, last, AT)).as(type).isEqualTo(accounting.record(type, last, AT));
        }
        SandboxRecords other = new SandboxRecords(SandboxPlatform.ACCOUNTING, SandboxUser.SLOW, Volume.DEFAULT);
        assertThat(other.record("invoices", 3, AT)).isNotEqualTo(accounting.record("invoices", 3, AT));
    }

    @Test
    void everyPlatformServesItsStandardDataTypes() {
        assertThat(SandboxRecords.dataTypes(SandboxPlatform.ACCOUNTING)).containsExactlyInAnyOrder("company",
                "chartOfAccounts", "customers", "suppliers", "invoices", "bills", "payments", "billPayments",
                "creditNotes", "journalEntries", "bankAccounts", "balanceSheet", "profitAndLoss", "billCreditNotes",
                "purchaseOrders", "directCosts", "directIncomes", "transfers", "bankTransactions",
                "accountTransactions", "taxRates", "trackingCategories", "items", "journals", "paymentMethods", "cashFlowStatement");
        assertThat(SandboxRecords.dataTypes(SandboxPlatform.COMMERCE)).containsExactlyInAnyOrder(
                "commerce-companyInfo", "commerce-customers", "commerce-orders", "commerce-products",
                "commerce-payments", "commerce-transactions");
    }

    @Test
    void documentsReferToRecordsThatExist() {
        Set<String> customers = ids(accounting, "customers");
        Set<String> suppliers = ids(accounting, "suppliers");
        Set<String> invoices = ids(accounting, "invoices");
        Set<String> bills = ids(accounting, "bills");
        all(accounting, "invoices").forEach(i -> assertThat(customers).contains(ref(i, "customerRef")));
        all(accounting, "creditNotes").forEach(c -> assertThat(customers).contains(ref(c, "customerRef")));
        all(accounting, "bills").forEach(b -> assertThat(suppliers).contains(ref(b, "supplierRef")));
        all(accounting, "payments").forEach(p -> {
            assertThat(customers).contains(ref(p, "customerRef"));
            Map<?, ?> link = link(p);
            assertThat(invoices).contains((String) link.get("id"));
            Map<String, Object> invoice = accounting.record("invoices",
                    accounting.indexOf("invoices", (String) link.get("id")).orElseThrow(), AT);
            assertThat(ref(invoice, "customerRef")).isEqualTo(ref(p, "customerRef"));
            // what was paid is what the invoice no longer has due
            assertThat(((BigDecimal) p.get("totalAmount")).add((BigDecimal) invoice.get("amountDue")))
                    .isEqualByComparingTo((BigDecimal) invoice.get("totalAmount"));
        });
        all(accounting, "billPayments").forEach(p -> {
            assertThat(suppliers).contains(ref(p, "supplierRef"));
            assertThat(bills).contains((String) link(p).get("id"));
        });
        Set<String> currencies = new HashSet<>();
        all(accounting, "invoices").forEach(i -> currencies.add((String) i.get("currency")));
        assertThat(currencies).containsExactlyInAnyOrder("GBP", "EUR", "USD");

        Set<String> products = ids(commerce, "commerce-products");
        Set<String> payments = ids(commerce, "commerce-payments");
        all(commerce, "commerce-orders").forEach(o -> {
            Map<?, ?> line = (Map<?, ?>) ((List<?>) o.get("orderLineItems")).get(0);
            assertThat(products).contains((String) ((Map<?, ?>) line.get("productRef")).get("id"));
        });
        all(commerce, "commerce-transactions").forEach(t -> assertThat(payments)
                .contains((String) ((Map<?, ?>) t.get("transactionSourceRef")).get("id")));
    }

    @Test
    void journalEntriesBalance() {
        List<Map<String, Object>> entries = all(accounting, "journalEntries");
        assertThat(entries).hasSize(48);
        for (Map<String, Object> entry : entries) {
            BigDecimal sum = ((List<?>) entry.get("journalLines")).stream()
                    .map(l -> (BigDecimal) ((Map<?, ?>) l).get("netAmount")).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).as(entry.get("id").toString()).isZero();
        }
    }

    @Test
    void balanceSheetsBalanceAndRetainedEarningsGrowByTheProfit() {
        List<Map<String, Object>> sheets = all(accounting, "balanceSheet");
        List<Map<String, Object>> profits = all(accounting, "profitAndLoss");
        assertThat(sheets).hasSize(12);
        BigDecimal previousRetained = null;
        for (int m = 0; m < 12; m++) {
            Map<String, Object> sheet = sheets.get(m);
            BigDecimal assets = value(sheet.get("assets"));
            BigDecimal liabilities = value(sheet.get("liabilities"));
            BigDecimal equity = value(sheet.get("equity"));
            assertThat(assets).as("month " + m).isEqualByComparingTo(liabilities.add(equity));
            assertThat((BigDecimal) sheet.get("netAssets")).isEqualByComparingTo(equity);
            BigDecimal retained = value(((List<?>) ((Map<?, ?>) sheet.get("equity")).get("items")).get(1));
            BigDecimal profit = (BigDecimal) profits.get(m).get("netProfit");
            if (previousRetained != null) {
                assertThat(retained.subtract(previousRetained)).as("month " + m).isEqualByComparingTo(profit);
            }
            previousRetained = retained;
        }
    }

    @Test
    void profitAndLossIsPostedFromTheDocuments() {
        BigDecimal sales = BigDecimal.ZERO;
        for (Map<String, Object> invoice : all(accounting, "invoices")) {
            sales = sales.add(SandboxDraws.toGbp((BigDecimal) invoice.get("subTotal"), (String) invoice.get("currency")));
        }
        for (Map<String, Object> credit : all(accounting, "creditNotes")) {
            sales = sales.subtract(SandboxDraws.toGbp((BigDecimal) credit.get("subTotal"),
                    (String) credit.get("currency")));
        }
        BigDecimal reported = all(accounting, "profitAndLoss").stream().map(p -> value(p.get("income")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(reported).isEqualByComparingTo(sales);
        assertThat(all(accounting, "profitAndLoss").stream().filter(p -> value(p.get("income")).signum() > 0))
                .as("sales every month").hasSize(12);
    }

    @Test
    void bankAccountsHoldTheCashOfTheChartOfAccounts() {
        BigDecimal cash = (BigDecimal) accounting.record("chartOfAccounts", 0, AT).get("currentBalance");
        BigDecimal held = all(accounting, "bankAccounts").stream()
                .map(a -> SandboxDraws.toGbp((BigDecimal) a.get("balance"), (String) a.get("currency")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(held).isEqualByComparingTo(cash);
    }

    private static List<Map<String, Object>> all(SandboxRecords records, String type) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int i = 0; i < records.count(type); i++) {
            all.add(records.record(type, i, AT));
        }
        return all;
    }

    private static Set<String> ids(SandboxRecords records, String type) {
        Set<String> ids = new HashSet<>();
        all(records, type).forEach(r -> ids.add((String) r.get("id")));
        return ids;
    }

    private static String ref(Map<String, Object> record, String field) {
        return (String) ((Map<?, ?>) record.get(field)).get("id");
    }

    private static Map<?, ?> link(Map<String, Object> payment) {
        Map<?, ?> line = (Map<?, ?>) ((List<?>) payment.get("lines")).get(0);
        return (Map<?, ?>) ((List<?>) line.get("links")).get(0);
    }

    private static BigDecimal value(Object line) {
        return (BigDecimal) ((Map<?, ?>) line).get("value");
    }
}
