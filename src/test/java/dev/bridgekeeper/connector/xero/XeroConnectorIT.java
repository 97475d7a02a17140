package dev.bridgekeeper.connector.xero;

import static dev.bridgekeeper.connector.xero.XeroFixture.XERO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.connector.emulator.HookReceiver;
import dev.bridgekeeper.connector.xero.emulator.Ledger;
import dev.bridgekeeper.connector.xero.emulator.XeroEmulatorConfig;
import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.CodatRecordValidator;
import dev.bridgekeeper.support.Tenant;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Xero connector end to end against the Xero emulator, over real HTTP on the embedded PostgreSQL: the linkUrl
 * flow with Xero's client authentication and tenant discovery, the organisation choice, the organisation binding,
 * first and incremental syncs mapped to Codat's schemas, refresh with rotation, revocation at Xero and a 429. Every
 * request Bridgekeeper sends must match Xero's OpenAPI descriptions (the emulator records any that do not).
 */
@ApiIntegrationTest
// a database of its own: other test contexts stay running (job runtimes cannot be paused), and their workers, which
// know no Xero app, must not pick up this context's jobs. A data-dir is read before the context starts, so it is set
// here, not with the dynamic properties.
@TestPropertySource(properties = "bridgekeeper.data-dir=target/it-data-xero-connector")
class XeroConnectorIT {

    static final Duration SYNC = Duration.ofSeconds(90);
    /** Every data type the Xero connector offers, with Codat's schema for its records. */
    static final Map<String, String> SCHEMAS = orderedSchemas("company", "AccountingCompanyInfo", "chartOfAccounts",
            "AccountingAccount", "customers", "AccountingCustomer", "suppliers", "AccountingSupplier", "invoices",
            "AccountingInvoice", "bills", "AccountingBill", "creditNotes", "AccountingCreditNote", "billCreditNotes",
            "AccountingBillCreditNote", "payments", "AccountingPayment", "billPayments", "AccountingBillPayment",
            "bankAccounts", "AccountingBankAccount", "bankTransactions", "AccountingBankTransaction",
            "directCosts", "AccountingDirectCost", "directIncomes", "AccountingDirectIncome",
            "journalEntries", "AccountingJournalEntry", "taxRates", "AccountingTaxRate", "trackingCategories",
            "AccountingTrackingCategory", "items", "AccountingItem", "purchaseOrders", "AccountingPurchaseOrder",
            "transfers", "AccountingTransfer", "accountTransactions", "AccountingAccountTransaction");
    /** The monthly statements, checked through Codat's financial statements endpoints. */
    static final Map<String, String> REPORTS = Map.of("profitAndLoss", "AccountingProfitAndLossReport",
            "balanceSheet", "AccountingBalanceSheet", "cashFlowStatement", "AccountingCashFlowStatement");
    static final List<String> DATA_TYPES = java.util.stream.Stream.concat(SCHEMAS.keySet().stream(),
            REPORTS.keySet().stream()).toList();
    static final String NO_SYNC_ON_LINK = "{\"settings\":[{\"dataType\":\"banking-accounts\","
            + "\"fetchOnFirstLink\":false,\"syncSchedule\":0,\"syncOrder\":0}],\"overridesDefaults\":true}";
    static final UUID DEMO = XeroEmulatorConfig.DEMO_TENANT;
    static final UUID NORTHWIND = XeroEmulatorConfig.NORTHWIND_TENANT;
    static final UUID HARBOUR = XeroEmulatorConfig.HARBOUR_TENANT;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CodatRecordValidator CODAT = CodatRecordValidator.accounting();

    @DynamicPropertySource
    static void xero(DynamicPropertyRegistry registry) {
        XeroFixture.configure(registry);
    }

    @LocalServerPort
    int port;

    @Value("${bridgekeeper.public-url}")
    String publicUrl;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConnectionCredentials credentials;

    Tenant tenant;
    Api api;

    @BeforeEach
    void setUp() {
        XeroFixture.registerApp(publicUrl);
        XERO.faults().clear();
        XERO.stats().reset();
        tenant = Tenant.create(jdbc, port, "Xero lender " + UUID.randomUUID().toString().substring(0, 8));
        api = tenant.api();
    }

    @Test
    void aSignInWithSeveralOrganisationsAsksWhichOneAndGivesUpTheOthers() {
        String company = company(false);
        String connection = XeroFixture.createConnection(api, company);
        XeroFixture.Landing landing = XeroFixture.authorise(linkUrl(company, connection),
                XeroEmulatorConfig.MULTI_ORG_USER, List.of(NORTHWIND, HARBOUR));

        assertThat(landing.isChoice()).as(landing.body()).isTrue();
        assertThat(landing.offered()).containsExactlyInAnyOrder(NORTHWIND.toString(), HARBOUR.toString());
        assertThat(landing.body()).contains("Northwind Trading Ltd").contains("Harbour Cafe Pty Ltd");
        assertThat(status(company, connection)).as("nothing is linked before the choice").isEqualTo("PendingAuth");

        HttpResponse<String> chosen = XeroFixture.choose(publicUrl, landing, NORTHWIND);
        assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
        assertThat(chosen.body()).contains("is connected");
        JsonNode linked = api.get("/companies/" + company + "/connections/" + connection).json();
        assertThat(linked.path("status").asString()).isEqualTo("Linked");
        assertThat(linked.path("connectionInfo").path("organisationId").asString()).isEqualTo(NORTHWIND.toString());
        assertThat(linked.path("connectionInfo").path("organisationName").asString())
                .isEqualTo("Northwind Trading Ltd");

        // the organisation nobody chose was disconnected again: the grant reaches Northwind only
        assertThat(xeroConnections(company, connection)).containsExactly(NORTHWIND.toString());
        // the choice token worked once
        HttpResponse<String> again = XeroFixture.choose(publicUrl, landing, HARBOUR);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already completed");
        assertThat(XERO.stats().violations()).isEmpty();
    }

    @Test
    void aConnectionStaysBoundToItsOrganisation() {
        String company = company(false);
        String connection = XeroFixture.createConnection(api, company);
        String linkUrl = linkUrl(company, connection);
        XeroFixture.Landing first = XeroFixture.authorise(linkUrl, XeroEmulatorConfig.SINGLE_ORG_USER, List.of(DEMO));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("is connected");
        JsonNode before = api.get("/companies/" + company + "/connections/" + connection).json();
        String sealedBefore = sealedToken(connection);

        // anyone holding the linkUrl signs in to another organisation: refused, nothing replaced
        XeroFixture.Landing other = XeroFixture.authorise(linkUrl, XeroEmulatorConfig.MULTI_ORG_USER,
                List.of(NORTHWIND));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body()).contains("different organisation").contains("Demo Company (NZ)")
                .contains("Northwind Trading Ltd");
        JsonNode after = api.get("/companies/" + company + "/connections/" + connection).json();
        assertThat(after.path("status").asString()).isEqualTo("Linked");
        assertThat(after.path("connectionInfo")).isEqualTo(before.path("connectionInfo"));
        assertThat(sealedToken(connection)).as("the tokens were not replaced").isEqualTo(sealedBefore);
        assertThat(after.path("dataConnectionErrors").toString()).contains("409")
                .contains("stays linked to Demo Company (NZ)");
        JsonNode audit = api.get("/companies/" + company + "/consents/audit").json();
        assertThat(audit.toString()).contains("connection.reauthorisation.refused").contains(NORTHWIND.toString());

        // the same organisation again is a normal re-authorisation
        XeroFixture.Landing same = XeroFixture.authorise(linkUrl, XeroEmulatorConfig.SINGLE_ORG_USER, List.of(DEMO));
        assertThat(same.status()).as(same.body()).isEqualTo(200);
        assertThat(sealedToken(connection)).isNotEqualTo(sealedBefore);
        assertThat(XERO.stats().violations()).isEmpty();
    }

    @Test
    void aFirstSyncReadsEveryDataTypeInCodatsModelAndAnIncrementalOnePicksUpAChangeAndADeletion() {
        String company = company(true);
        String connection = XeroFixture.createConnection(api, company);
        link(company, connection);
        awaitStatuses(company, DATA_TYPES, "Complete");
        Ledger ledger = XERO.ledger(DEMO);
        assertThat(XERO.stats().apiCallsByEndpoint()).as("shared reads: the company and both reports read"
                + " Organisation once; bank transactions, direct costs, direct incomes and account transactions read"
                + " BankTransactions once; account transactions share the bank accounts', payments', bill payments'"
                + " and transfers' reads")
                .containsEntry("GET /Organisation", 1L)
                .containsEntry("GET /BankTransactions", pages(ledger.count("BankTransactions")))
                .containsEntry("GET /Payments", pages(ledger.count("Payments", XeroConnectorIT::receivable))
                        + pages(ledger.count("Payments", p -> !receivable(p))))
                .containsEntry("GET /BankTransfers", 1L)
                .containsEntry("GET /Accounts", 2L); // the chart of accounts, and the bank accounts

        assertThat(count(connection, "company")).isEqualTo(1);
        assertThat(count(connection, "chartOfAccounts")).isEqualTo(ledger.count("Accounts"));
        assertThat(count(connection, "customers")).isEqualTo(
                ledger.count("Contacts", c -> c.path("IsCustomer").asBoolean(false)));
        assertThat(count(connection, "suppliers")).isEqualTo(
                ledger.count("Contacts", c -> c.path("IsSupplier").asBoolean(false)));
        long sales = ledger.count("Invoices", i -> "ACCREC".equals(i.path("Type").asString("")));
        assertThat(count(connection, "invoices")).isEqualTo(sales);
        assertFirstSyncCounts(connection, ledger);
        assertConformsToCodat(connection);
        assertReportsConformToCodat(company, connection);
        assertRecordsReferToEachOther(company, connection, ledger);
        assertAccountTransactionsMatch(connection, ledger);
        assertThat(jdbc.queryForObject("select count(*) from record a where connection_id = ? and data_type ="
                + " 'accountTransactions' and not exists (select 1 from record r where r.connection_id ="
                + " a.connection_id and r.data_type = a.data#>>'{lines,0,recordRef,dataType}' and r.record_id ="
                + " a.data#>>'{lines,0,recordRef,id}')", Long.class, UUID.fromString(connection)))
                .as("every account transaction refers to the synced record it moved the money of").isZero();
        long archived = ledger.count("Contacts", c -> c.path("IsCustomer").asBoolean(false)
                && "ARCHIVED".equals(c.path("ContactStatus").asString("")));
        assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type ="
                + " 'customers' and data->>'status' = 'Archived'", Long.class, UUID.fromString(connection)))
                .as("archived contacts are kept, as Archived").isEqualTo(archived);

        // a user in Xero edits one invoice and deletes another
        List<String> invoiceIds = ledger.records("Invoices").stream()
                .filter(i -> "ACCREC".equals(i.path("Type").asString(""))).map(i -> i.path("InvoiceID").asString())
                .toList();
        String changed = invoiceIds.get(3);
        String deleted = invoiceIds.get(7);
        ledger.change("Invoices", changed, i -> i.put("Reference", "Changed by the test"));
        ledger.delete("Invoices", deleted);
        XERO.stats().reset();
        Api.Response queued = api.post("/companies/" + company + "/data/queue/invoices", null);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
        awaitFinished(company, queued.json().path("id").asString(), "Complete");

        Map<String, Object> dataset = jdbc.queryForMap("select full_sync, modified_since from dataset where id = ?",
                UUID.fromString(queued.json().path("id").asString()));
        assertThat(dataset.get("full_sync")).isEqualTo(false);
        assertThat(dataset.get("modified_since")).isNotNull();
        assertThat(XERO.stats().apiCallsByEndpoint()).as("changes only: one page").containsEntry("GET /Invoices", 1L);
        assertThat(recordJson(connection, "invoices", changed).path("note").asString()).isEqualTo("Changed by the test");
        assertThat(jdbc.queryForObject("select deleted from record where connection_id = ? and data_type = 'invoices'"
                + " and record_id = ?", Boolean.class, UUID.fromString(connection), deleted)).isTrue();
        assertThat(api.get("/companies/" + company + "/data/invoices/" + deleted).json().path("metadata")
                .path("isDeleted").asBoolean()).as("flagged when fetched by id").isTrue();
        assertThat(api.get("/companies/" + company + "/data/invoices?pageSize=5000").body()).as("left out of lists")
                .doesNotContain(deleted).contains(changed);
        assertThat(count(connection, "invoices")).as("nothing lost, nothing doubled").isEqualTo(sales);
        assertThat(XERO.stats().violations()).isEmpty();
        assertThat(XERO.stats().tooManyRequestsSent()).isZero();

        // the other documents: a bill edited, a bank transaction deleted, a bill credit note voided; each posts
        // journals (the reversal of what was posted before)
        String bill = ledger.records("Invoices").stream().filter(i -> "ACCPAY".equals(i.path("Type").asString(""))
                && "AUTHORISED".equals(i.path("Status").asString(""))).map(i -> i.path("InvoiceID").asString())
                .findFirst().orElseThrow();
        String spent = ledger.records("BankTransactions").stream()
                .filter(t -> "AUTHORISED".equals(t.path("Status").asString(""))).skip(2)
                .map(t -> t.path("BankTransactionID").asString()).findFirst().orElseThrow();
        String credit = ledger.records("CreditNotes").stream()
                .filter(c -> "ACCPAYCREDIT".equals(c.path("Type").asString(""))
                        && "AUTHORISED".equals(c.path("Status").asString("")))
                .map(c -> c.path("CreditNoteID").asString()).findFirst().orElseThrow();
        int journalsBefore = ledger.journals().size();
        ledger.change("Invoices", bill, i -> i.put("Reference", "Bill changed by the test"));
        ledger.delete("BankTransactions", spent);
        ledger.voidDocument("CreditNotes", credit);
        assertThat(ledger.journals()).as("the changes posted journals").hasSizeGreaterThan(journalsBefore);
        XERO.stats().reset();
        for (String dataType : List.of("bills", "bankTransactions", "billCreditNotes", "journalEntries")) {
            Api.Response again = api.post("/companies/" + company + "/data/queue/" + dataType, null);
            assertThat(again.status()).as(again.toString()).isEqualTo(200);
            awaitFinished(company, again.json().path("id").asString(), "Complete");
        }
        assertThat(recordJson(connection, "bills", bill).path("note").asString()).isEqualTo("Bill changed by the test");
        assertThat(jdbc.queryForObject("select deleted from record where connection_id = ? and data_type ="
                + " 'bankTransactions' and record_id = ?", Boolean.class, UUID.fromString(connection), spent))
                .isTrue();
        assertThat(recordJson(connection, "billCreditNotes", credit).path("status").asString()).isEqualTo("Void");
        assertThat(recordJson(connection, "billCreditNotes", credit).path("remainingCredit").decimalValue())
                .isZero();
        assertFirstSyncCounts(connection, ledger);
        assertThat(XERO.stats().apiCallsByEndpoint()).as("changes only: one call each")
                .containsEntry("GET /Invoices", 1L).containsEntry("GET /BankTransactions", 1L)
                .containsEntry("GET /CreditNotes", 1L).containsEntry("GET /Journals", 1L);
        assertConformsToCodat(connection);
        assertThat(XERO.stats().violations()).isEmpty();
        assertThat(XERO.stats().tooManyRequestsSent()).isZero();
    }

    /** Every offered data type holds what the emulated organisation holds, nothing lost and nothing doubled. */
    private void assertFirstSyncCounts(String connection, Ledger ledger) {
        assertThat(count(connection, "bills")).isEqualTo(
                ledger.count("Invoices", i -> "ACCPAY".equals(i.path("Type").asString(""))));
        assertThat(count(connection, "creditNotes")).isEqualTo(
                ledger.count("CreditNotes", c -> "ACCRECCREDIT".equals(c.path("Type").asString(""))));
        assertThat(count(connection, "billCreditNotes")).isEqualTo(
                ledger.count("CreditNotes", c -> "ACCPAYCREDIT".equals(c.path("Type").asString(""))));
        assertThat(count(connection, "payments")).isPositive().isEqualTo(ledger.count("Payments",
                p -> p.path("PaymentType").asString("").startsWith("AR")
                        || p.path("PaymentType").asString("").equals("ACCRECPAYMENT")));
        assertThat(count(connection, "billPayments")).isPositive().isEqualTo(ledger.count("Payments",
                p -> p.path("PaymentType").asString("").startsWith("AP")
                        || p.path("PaymentType").asString("").equals("ACCPAYPAYMENT")));
        assertThat(count(connection, "bankAccounts")).isEqualTo(
                ledger.count("Accounts", a -> "BANK".equals(a.path("Type").asString(""))));
        assertThat(count(connection, "bankTransactions")).isEqualTo(ledger.count("BankTransactions"));
        assertThat(count(connection, "directCosts")).isPositive().isEqualTo(ledger.count("BankTransactions",
                t -> "SPEND".equals(t.path("Type").asString(""))));
        assertThat(count(connection, "directIncomes")).isPositive().isEqualTo(ledger.count("BankTransactions",
                t -> "RECEIVE".equals(t.path("Type").asString(""))));
        assertThat(count(connection, "journalEntries")).as("more than one offset call")
                .isGreaterThan(100).isEqualTo(ledger.journals().size());
        assertThat(count(connection, "taxRates")).isEqualTo(ledger.count("TaxRates"));
        long options = ledger.records("TrackingCategories").stream().mapToLong(c -> c.path("Options").size()).sum();
        assertThat(count(connection, "trackingCategories")).as("categories and their options")
                .isEqualTo(ledger.count("TrackingCategories") + options);
        assertThat(count(connection, "items")).isEqualTo(ledger.count("Items"));
        assertThat(count(connection, "purchaseOrders")).isEqualTo(ledger.count("PurchaseOrders"));
        assertThat(count(connection, "transfers")).as("deleted transfers kept, flagged")
                .isEqualTo(ledger.count("BankTransfers"));
        assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type ="
                + " 'transfers' and deleted and data->>'status' = 'Void'", Long.class, UUID.fromString(connection)))
                .isEqualTo(ledger.count("BankTransfers", t -> "DELETED".equals(t.path("Status").asString(""))))
                .isPositive();
    }

    /**
     * What the mapping means, beyond the schemas: bank transactions are served under the bank account Xero booked
     * them to, money out negative; journal entries balance; payments link to the invoices they paid; tracking
     * options point at their category.
     */
    private void assertRecordsReferToEachOther(String company, String connection, Ledger ledger) {
        UUID conn = UUID.fromString(connection);
        for (JsonNode account : ledger.records("Accounts")) {
            if (!"BANK".equals(account.path("Type").asString(""))) {
                continue;
            }
            String accountId = account.path("AccountID").asString();
            long expected = ledger.count("BankTransactions",
                    t -> accountId.equals(t.path("BankAccount").path("AccountID").asString(""))
                            && !"DELETED".equals(t.path("Status").asString("")));
            JsonNode served = api.get("/companies/" + company + "/connections/" + connection + "/data/bankAccounts/"
                    + accountId + "/bankTransactions?pageSize=5000").json();
            assertThat(served.path("totalResults").asLong()).as(accountId + " " + served).isEqualTo(expected);
        }
        JsonNode spend = ledger.records("BankTransactions").stream()
                .filter(t -> "SPEND".equals(t.path("Type").asString(""))).findFirst().orElseThrow();
        assertThat(recordJson(connection, "bankTransactions", spend.path("BankTransactionID").asString())
                .path("amount").decimalValue()).isEqualByComparingTo(spend.path("Total").decimalValue().negate());
        assertThat(jdbc.queryForObject("select count(*) from record r where connection_id = ? and data_type ="
                + " 'journalEntries' and (select coalesce(sum((l->>'netAmount')::numeric), 0) from"
                + " jsonb_array_elements(r.data->'journalLines') l) <> 0", Long.class, conn))
                .as("every journal entry balances").isZero();
        assertThat(jdbc.queryForObject("select count(*) from record p where connection_id = ? and data_type ="
                + " 'payments' and not exists (select 1 from record i where i.connection_id = p.connection_id and"
                + " i.data_type = case p.data#>>'{lines,0,links,0,type}' when 'Invoice' then 'invoices' else"
                + " 'creditNotes' end and i.record_id = p.data#>>'{lines,0,links,0,id}')", Long.class, conn))
                .as("every payment links to a synced invoice or credit note").isZero();
        assertThat(jdbc.queryForObject("select count(*) from record o where connection_id = ? and data_type ="
                + " 'trackingCategories' and data->>'parentId' is not null and not exists (select 1 from record c where"
                + " c.connection_id = o.connection_id and c.data_type = 'trackingCategories' and c.record_id ="
                + " o.data->>'parentId')", Long.class, conn)).as("options point at their category").isZero();
    }

    /**
     * The monthly statements read from Xero's reports come out of Codat's financial statements endpoints in Codat's
     * schemas, a month each, and every balance sheet balances (net assets = equity) as Xero's does.
     */
    private void assertReportsConformToCodat(String company, String connection) {
        // monthsToSync 24: the months dated on or after 24 months ago (a profit and loss by its first day, a balance
        // sheet by its last, so the balance sheet also has the month 24 months ago)
        assertThat(count(connection, "profitAndLoss")).isEqualTo(24);
        assertThat(count(connection, "balanceSheet")).isEqualTo(25);
        assertThat(count(connection, "cashFlowStatement")).isEqualTo(24);
        String financials = "/companies/" + company + "/data/financials/";
        for (Map.Entry<String, String> report : REPORTS.entrySet()) {
            Api.Response answer = api.get(financials + report.getKey() + "?periodLength=1&periodsToCompare=24");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode body = answer.json();
            assertThat(CODAT.problems(body, report.getValue())).as(body.toString()).isEmpty();
            assertThat(body.path("reports")).hasSize(24);
            assertThat(body.path("currency").asString()).isEqualTo("NZD");
        }
        JsonNode sheets = api.get(financials + "balanceSheet?periodLength=1&periodsToCompare=24").json();
        boolean nonZero = false;
        for (JsonNode sheet : sheets.path("reports")) {
            assertThat(sheet.path("netAssets").decimalValue()).as(sheet.path("date").asString())
                    .isEqualByComparingTo(sheet.path("equity").path("value").decimalValue());
            nonZero |= sheet.path("assets").path("value").decimalValue().signum() != 0;
        }
        assertThat(nonZero).as("the balance sheets carry the ledger's balances").isTrue();
        JsonNode years = api.get(financials + "profitAndLoss?periodLength=12&periodsToCompare=2").json();
        assertThat(years.path("reports")).hasSize(2);
        assertThat(years.path("reports").path(0).path("income").path("value").decimalValue()
                .add(years.path("reports").path(1).path("income").path("value").decimalValue()))
                .as("two years of sales").isPositive();
        assertCashFlowIsTheCashBasisProfitAndLoss(company, connection, financials);
    }

    /**
     * A year of cash flow statements is Xero's profit and loss for that year on the cash basis: receipts its income
     * and other income, payments its cost of sales and expenses (asked of the emulator directly, outside
     * Bridgekeeper); and its receipts differ from the accrual year's income, since not every invoice is paid.
     */
    private void assertCashFlowIsTheCashBasisProfitAndLoss(String company, String connection, String financials) {
        JsonNode flows = api.get(financials + "cashFlowStatement?periodLength=12&periodsToCompare=2").json();
        assertThat(flows.path("reportBasis").asString()).isEqualTo("Cash");
        assertThat(flows.path("reportInput").asString()).isEqualTo("Direct");
        JsonNode accrual = api.get(financials + "profitAndLoss?periodLength=12&periodsToCompare=2").json();
        String token = credentials.accessToken(ClientId.of(tenant.clientId()), CompanyId.of(UUID.fromString(company)),
                ConnectionId.of(UUID.fromString(connection)));
        for (int year = 0; year < 2; year++) {
            JsonNode flow = flows.path("reports").path(year);
            String from = flow.path("fromDate").asString().substring(0, 10);
            String to = flow.path("toDate").asString().substring(0, 10);
            JsonNode cash = xeroGet(token, "/Reports/ProfitAndLoss?fromDate=" + from + "&toDate=" + to
                    + "&paymentsOnly=true").path("Reports").path(0);
            BigDecimal income = total(cash, "Total Income").add(total(cash, "Total Other Income"));
            BigDecimal costs = total(cash, "Total Cost of Sales").add(total(cash, "Total Operating Expenses"));
            assertThat(flow.path("cashReceipts").path("value").decimalValue()).as(from).isEqualByComparingTo(income);
            assertThat(flow.path("cashPayments").path("value").decimalValue()).as(from).isEqualByComparingTo(costs);
            assertThat(income).as(from + ": unpaid invoices are not receipts").isNotEqualByComparingTo(
                    accrual.path("reports").path(year).path("income").path("value").decimalValue()
                            .add(accrual.path("reports").path(year).path("otherIncome").path("value").decimalValue()));
        }
    }

    /** The figure of a report's summary row labelled {@code label}, zero when the report has no such row. */
    private static BigDecimal total(JsonNode report, String label) {
        for (JsonNode section : report.path("Rows")) {
            for (JsonNode row : section.path("Rows")) {
                if ("SummaryRow".equals(row.path("RowType").asString(""))
                        && label.equals(row.path("Cells").path(0).path("Value").asString(""))) {
                    return new BigDecimal(row.path("Cells").path(1).path("Value").asString("0"));
                }
            }
        }
        return BigDecimal.ZERO;
    }

    /** A GET of Xero's accounting API as the connection, outside Bridgekeeper. */
    private JsonNode xeroGet(String token, String path) {
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(XERO.apiBaseUrl() + path)).header("Authorization", "Bearer " + token)
                    .header("xero-tenant-id", DEMO.toString()).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Direct costs and direct incomes are Xero's spend-money and receive-money transactions, the same records bank
     * transactions are read from: the three data types ask for the same BankTransactions pages and the pages are
     * shared, so reading all three costs the vendor calls of reading bank transactions alone.
     */
    @Test
    void directCostsAndDirectIncomesShareTheBankTransactionsReadAndFollowChanges() {
        List<String> cash = List.of("bankTransactions", "directCosts", "directIncomes");
        String alone = company(false);
        link(alone, XeroFixture.createConnection(api, alone));
        XERO.stats().reset();
        awaitFinished(alone, queue(alone, "bankTransactions"), "Complete");
        long bankTransactionsAlone = XERO.stats().apiCallsByEndpoint().get("GET /BankTransactions");
        assertThat(bankTransactionsAlone).as("several pages").isGreaterThan(3);

        // the three are fetched on link: one sync, their pulls requested together
        String company = companySyncingOnLink(cash);
        String connection = XeroFixture.createConnection(api, company);
        XERO.stats().reset();
        link(company, connection);
        awaitSync(connection, java.time.Instant.EPOCH, cash.size());
        assertThat(XERO.stats().apiCallsByEndpoint().get("GET /BankTransactions")).as("one read for the three")
                .isEqualTo(bankTransactionsAlone);

        Ledger ledger = XERO.ledger(DEMO);
        assertCashTypesMatch(connection, ledger);
        // a user in Xero edits a spend-money and a receive-money transaction and deletes one of each
        List<String> spent = idsOf(ledger, "SPEND");
        List<String> received = idsOf(ledger, "RECEIVE");
        ledger.change("BankTransactions", spent.get(1), t -> t.put("Reference", "Spend changed by the test"));
        ledger.change("BankTransactions", received.get(1), t -> t.put("Reference", "Receipt changed by the test"));
        ledger.delete("BankTransactions", spent.get(4));
        ledger.delete("BankTransactions", received.get(4));
        XERO.stats().reset();
        java.time.Instant asked = java.time.Instant.now().minusSeconds(1);
        assertThat(api.post("/companies/" + company + "/data/all", null).status()).isEqualTo(204);
        List<String> again = awaitSync(connection, asked, cash.size());

        for (String pull : again) {
            assertThat(jdbc.queryForObject("select full_sync from dataset where id = ?", Boolean.class,
                    UUID.fromString(pull))).isFalse();
        }
        // each pull reads changes since its own last read, asked for from that minute on: the pulls whose last
        // reads began in the same minute share one call (the changes fit one page)
        // (the ledger is shared with the other tests, whose changes of the same minutes are read too)
        List<java.time.Instant> minutes = jdbc.queryForList("select distinct date_trunc('minute', modified_since)"
                + " from dataset where id in (?, ?, ?)", java.sql.Timestamp.class,
                again.stream().map(UUID::fromString).toArray()).stream().map(java.sql.Timestamp::toInstant).toList();
        long pagesOfChanges = minutes.stream().mapToLong(minute -> pages(ledger.records("BankTransactions").stream()
                .filter(t -> !XeroDates.instant(t.path("UpdatedDateUTC").asString("")).isBefore(minute))
                .count())).sum();
        assertThat(XERO.stats().apiCallsByEndpoint().get("GET /BankTransactions"))
                .as("changes only: each page of changes since each minute the pulls ask from, once")
                .isEqualTo(pagesOfChanges);
        assertThat(recordJson(connection, "directCosts", spent.get(1)).path("reference").asString())
                .isEqualTo("Spend changed by the test");
        assertThat(recordJson(connection, "directIncomes", received.get(1)).path("reference").asString())
                .isEqualTo("Receipt changed by the test");
        for (String[] deleted : new String[][] {{"directCosts", spent.get(4)}, {"directIncomes", received.get(4)},
                {"bankTransactions", spent.get(4)}, {"bankTransactions", received.get(4)}}) {
            assertThat(jdbc.queryForObject("select deleted from record where connection_id = ? and data_type = ? and"
                    + " record_id = ?", Boolean.class, UUID.fromString(connection), deleted[0], deleted[1]))
                    .as(deleted[0] + " " + deleted[1]).isTrue();
        }
        assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type ="
                + " 'directIncomes' and record_id = ?", Long.class, UUID.fromString(connection), spent.get(4)))
                .as("a spend is never a direct income").isZero();
        assertCashTypesMatch(connection, ledger);
        assertThat(XERO.stats().violations()).isEmpty();
    }

    /**
     * Direct costs and incomes hold every SPEND and RECEIVE transaction, in Codat's schemas, their totals and lines
     * adding up to Xero's, paid in full from the transaction's bank account.
     */
    private void assertCashTypesMatch(String connection, Ledger ledger) {
        UUID conn = UUID.fromString(connection);
        for (String[] type : new String[][] {{"directCosts", "SPEND"}, {"directIncomes", "RECEIVE"}}) {
            List<ObjectNode> xero = ledger.records("BankTransactions").stream()
                    .filter(t -> type[1].equals(t.path("Type").asString(""))).toList();
            assertThat(count(connection, type[0])).as(type[0]).isPositive().isEqualTo(xero.size());
            java.math.BigDecimal total = xero.stream().map(t -> t.path("Total").decimalValue())
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
            assertThat(jdbc.queryForObject("select sum((data->>'totalAmount')::numeric) from record where"
                    + " connection_id = ? and data_type = ?", java.math.BigDecimal.class, conn, type[0]))
                    .as(type[0] + " total").isEqualByComparingTo(total);
            assertThat(jdbc.queryForObject("select count(*) from record r where connection_id = ? and data_type = ?"
                    + " and ((select sum((l->>'totalAmount')::numeric) from jsonb_array_elements(r.data->'lineItems')"
                    + " l) <> (r.data->>'totalAmount')::numeric or (r.data#>>'{paymentAllocations,0,allocation,"
                    + "totalAmount}')::numeric <> (r.data->>'totalAmount')::numeric or r.data#>>'{paymentAllocations,"
                    + "0,payment,accountRef,id}' is null)", Long.class, conn, type[0]))
                    .as(type[0] + ": lines and allocation add up to the total").isZero();
            for (Map<String, Object> row : jdbc.queryForList("select data::text as data from record where"
                    + " connection_id = ? and data_type = ?", conn, type[0])) {
                JsonNode record = JSON.readTree((String) row.get("data"));
                assertThat(CODAT.problems(record, SCHEMAS.get(type[0]))).as(type[0] + " " + record).isEmpty();
            }
        }
        JsonNode taxed = jdbc.queryForList("select data::text from record where connection_id = ? and data_type ="
                + " 'directCosts' and data#>>'{lineItems,0,taxRateRef,id}' is not null and"
                + " (data#>>'{lineItems,0,taxAmount}')::numeric > 0 limit 1", String.class, conn).stream()
                .map(JSON::readTree).findFirst().orElseThrow();
        assertThat(taxed.path("lineItems").path(0).path("accountRef").path("id").asString()).isNotBlank();
        assertThat(taxed.path("contactRef").path("dataType").asString()).isEqualTo("suppliers");
    }

    private static List<String> idsOf(Ledger ledger, String type) {
        return ledger.records("BankTransactions").stream().filter(t -> type.equals(t.path("Type").asString(""))
                && "AUTHORISED".equals(t.path("Status").asString(""))).map(t -> t.path("BankTransactionID")
                .asString()).toList();
    }

    private String queue(String company, String dataType) {
        Api.Response queued = api.post("/companies/" + company + "/data/queue/" + dataType, null);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
        return queued.json().path("id").asString();
    }

    @Test
    void anAccessTokenXeroNoLongerAcceptsIsRefreshedAndTheRefreshTokenRotates() {
        String company = company(false);
        String connection = XeroFixture.createConnection(api, company);
        link(company, connection);
        XERO.expireAccessTokensNow();

        Api.Response queued = api.post("/companies/" + company + "/data/queue/company", null);
        awaitFinished(company, queued.json().path("id").asString(), "Complete");

        assertThat(jdbc.queryForObject("select refreshed_count from connection_token where connection_id = ?",
                Integer.class, UUID.fromString(connection))).isEqualTo(1);
        assertThat(XERO.stats().tokenRequests()).containsEntry("refresh_token", 1L);
        assertThat(XERO.stats().apiAnswersByStatus()).containsEntry(401, 1L).containsEntry(200, 1L);
        // the rotated refresh token is the one stored: a refresh now spends it, not the previous one
        jdbc.update("update connection_token set expires_utc = now() - interval '1 minute' where connection_id = ?",
                UUID.fromString(connection));
        credentials.accessToken(ClientId.of(tenant.clientId()), CompanyId.of(UUID.fromString(company)),
                ConnectionId.of(UUID.fromString(connection)));
        assertThat(XERO.refreshTokenLineages()).anySatisfy(lineage -> {
            assertThat(lineage).hasSize(3);
            assertThat(lineage.get(2).state()).isEqualTo("ACTIVE");
            assertThat(lineage.get(1).uses()).isEqualTo(1);
            assertThat(lineage.get(0).uses()).isEqualTo(1);
        });
        assertThat(XERO.stats().tokenErrors()).isEmpty();
        assertThat(XERO.stats().violations()).isEmpty();
    }

    @Test
    void aConsentRevokedInXeroDeauthorizesTheConnectionAndTheLenderIsTold() throws Exception {
        try (HookReceiver hooks = HookReceiver.start()) {
            Api.Response consumer = api.post("/webhooks", "{\"url\":\"" + hooks.url()
                    + "\",\"eventTypes\":[\"connection.disconnected\"]}");
            assertThat(consumer.status()).as(consumer.toString()).isEqualTo(201);
            String company = company(false);
            String connection = XeroFixture.createConnection(api, company);
            link(company, connection);
            XERO.revokeConsent(XeroEmulatorConfig.SINGLE_ORG_USER, XeroFixture.CLIENT_ID);

            Api.Response queued = api.post("/companies/" + company + "/data/queue/chartOfAccounts", null);
            JsonNode failed = awaitFinished(company, queued.json().path("id").asString(), "AuthError");
            assertThat(failed.path("isErrored").asBoolean()).isTrue();
            assertThat(status(company, connection)).isEqualTo("Deauthorized");
            assertThat(XERO.stats().tokenErrors()).containsEntry("invalid_grant", 1L);
            assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?",
                    Integer.class, UUID.fromString(connection))).isZero();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hooks.bodies())
                    .anySatisfy(body -> assertThat(body).contains("connection.disconnected").contains(connection)
                            .contains("Deauthorized")));
        }
        assertThat(XERO.stats().violations()).isEmpty();
    }

    @Test
    void a429WithRetryAfterIsWaitedForWithoutLosingOrDoublingARecord() {
        String company = company(true);
        String connection = XeroFixture.createConnection(api, company);
        // the fourth Accounting API call of the first sync is refused with Retry-After: 1
        XERO.faults().slow(3, Duration.ofMillis(1)).tooManyRequests(1, "minute", Duration.ofSeconds(1));
        link(company, connection);
        awaitStatuses(company, DATA_TYPES, "Complete");

        assertThat(XERO.stats().rateLimited()).isEqualTo(Map.of("minute", 1L));
        assertThat(jdbc.queryForObject("select count(*) from dataset where connection_id = ? and rate_limit_waits"
                + " + server_error_retries = 0 and waiting_until is not null", Integer.class,
                UUID.fromString(connection))).as("one pull waited, and its wait was the 429's").isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from rate_block where limit_key like ?", Integer.class,
                "gbol|" + XeroFixture.CLIENT_ID + "|" + DEMO)).as("every instance was told to wait").isEqualTo(1);
        Ledger ledger = XERO.ledger(DEMO);
        assertThat(count(connection, "customers")).isEqualTo(
                ledger.count("Contacts", c -> c.path("IsCustomer").asBoolean(false)));
        assertThat(count(connection, "suppliers")).isEqualTo(
                ledger.count("Contacts", c -> c.path("IsSupplier").asBoolean(false)));
        assertThat(count(connection, "invoices")).isEqualTo(
                ledger.count("Invoices", i -> "ACCREC".equals(i.path("Type").asString(""))));
        assertThat(count(connection, "chartOfAccounts")).isEqualTo(ledger.count("Accounts"));
        assertThat(XERO.stats().violations()).isEmpty();
    }

    /**
     * Production-hardening finding 4: a refresh made during a first sync must be kept whatever happens to the read
     * after it (Xero keeps a rotated-away refresh token working for 30 minutes only, so a lost rotation means
     * invalid_grant and a Deauthorized connection). A Xero first sync is staged page by page (its limits can make it
     * wait), so the page read before the 429 is kept too and not read again.
     */
    @Test
    void aRefreshDuringAFirstSyncIsKeptAndThePageReadBeforeA429IsNotReadAgain() {
        String company = company(false);
        String connection = XeroFixture.createConnection(api, company);
        link(company, connection);
        XERO.expireAccessTokensNow();
        // first call: 401 (refresh), its repeat: page 1, then 429 for page 2
        XERO.faults().slow(2, Duration.ofMillis(1)).tooManyRequests(1, "minute", Duration.ofSeconds(4));
        Api.Response queued = api.post("/companies/" + company + "/data/queue/invoices", null);
        UUID dataset = UUID.fromString(queued.json().path("id").asString());
        await().atMost(SYNC).until(() -> jdbc.queryForObject("select waiting_until is not null from dataset"
                + " where id = ?", Boolean.class, dataset));
        assertThat(count(connection, "invoices")).as("nothing merged before the pull completes").isZero();
        assertThat(jdbc.queryForObject("select pages_fetched from dataset where id = ?", Integer.class, dataset))
                .as("page 1 is kept while the pull waits").isEqualTo(1);
        assertThat(jdbc.queryForObject("select refreshed_count from connection_token where connection_id = ?",
                Integer.class, UUID.fromString(connection))).as("the refresh was committed").isEqualTo(1);
        XERO.clock().advance(Duration.ofMinutes(31)); // the previous refresh token's grace period is over

        awaitFinished(company, dataset.toString(), "Complete");
        assertThat(status(company, connection)).isEqualTo("Linked");
        assertThat(XERO.stats().tokenErrors()).isEmpty();
        long invoices = XERO.ledger(DEMO).count("Invoices", i -> "ACCREC".equals(i.path("Type").asString("")));
        assertThat(count(connection, "invoices")).isEqualTo(invoices);
        long pages = (count(connection, "invoices") + 4) / 5; // page-size 5 (XeroFixture)
        // only invoices were read since setUp: every page answered once, and every other call was a 401 or the 429
        // (a 401 also follows the clock's 31 minutes, which outlive Xero's 30-minute access token)
        Map<Integer, Long> answers = XERO.stats().apiAnswersByStatus();
        assertThat(answers.get(200)).as("every page read once " + answers).isEqualTo(pages);
        assertThat(answers.keySet()).containsOnly(200, 401, 429);
        assertThat(answers.get(429)).isEqualTo(1L);
        assertThat(XERO.stats().apiCallsByEndpoint().get("GET /Invoices")).isEqualTo(pages + 1 + answers.get(401));
        assertThat(XERO.stats().violations()).isEmpty();
    }

    /**
     * Account transactions are the money Xero's payments, spend/receive money and transfers move through each bank
     * account. Read alone they cost the bank accounts' call and the very reads of payments, bill payments, bank
     * transactions and transfers; an incremental read asks those lists for changes (transfers: whole) and picks up
     * an edited payment, a deleted bill payment and a deleted transfer.
     */
    @Test
    void accountTransactionsAreTheMoneyThroughEachBankAccountAndFollowChanges() {
        String company = company(false);
        String connection = XeroFixture.createConnection(api, company);
        link(company, connection);
        XERO.stats().reset();
        awaitFinished(company, queue(company, "accountTransactions"), "Complete");

        Ledger ledger = XERO.ledger(DEMO);
        assertThat(XERO.stats().apiCallsByEndpoint()).as("the bank accounts, then each list as its data types read it")
                .containsEntry("GET /Accounts", 1L)
                .containsEntry("GET /Payments", pages(ledger.count("Payments", XeroConnectorIT::receivable))
                        + pages(ledger.count("Payments", p -> !receivable(p))))
                .containsEntry("GET /BankTransactions", pages(ledger.count("BankTransactions")))
                .containsEntry("GET /BankTransfers", 1L);
        assertAccountTransactionsMatch(connection, ledger);

        // a user in Xero edits a customer payment, deletes a bill payment and a transfer (not a bank transaction:
        // the changes of one minute are read again by every incremental read asking from it, and the bank
        // transactions test counts the pages of its own changes)
        List<String> banks = bankAccountIds(ledger);
        String bank = ledger.records("Payments").stream().map(p -> p.path("Account").path("AccountID").asString(""))
                .filter(banks::contains).findFirst().orElseThrow();
        String paid = paymentOn(ledger, bank, "ACCRECPAYMENT");
        String paidOut = paymentOn(ledger, bank, "ACCPAYPAYMENT");
        JsonNode transfer = ledger.records("BankTransfers").stream()
                .filter(t -> "AUTHORISED".equals(t.path("Status").asString("")) && (bank.equals(t.path(
                        "FromBankAccount").path("AccountID").asString()) || bank.equals(t.path("ToBankAccount")
                        .path("AccountID").asString()))).skip(2).findFirst().orElseThrow();
        ledger.change("Payments", paid, p -> p.put("Reference", "Payment changed by the test"));
        ledger.delete("Payments", paidOut);
        ledger.delete("BankTransfers", transfer.path("BankTransferID").asString());
        XERO.stats().reset();
        String again = queue(company, "accountTransactions");
        awaitFinished(company, again, "Complete");

        assertThat(jdbc.queryForObject("select full_sync from dataset where id = ?", Boolean.class,
                UUID.fromString(again))).isFalse();
        Map<String, Long> calls = XERO.stats().apiCallsByEndpoint();
        assertThat(calls).as("changes only: one call per list (transfers: whole)")
                .containsEntry("GET /Accounts", 1L).containsEntry("GET /Payments", 2L)
                .containsEntry("GET /BankTransfers", 1L);
        // (two pages when another test's bank transaction changes of the same minute fill the first)
        assertThat(calls.get("GET /BankTransactions")).isBetween(1L, 2L);
        JsonNode changed = recordJson(connection, "accountTransactions", paid);
        assertThat(changed.path("note").asString()).isEqualTo("Payment changed by the test");
        assertThat(changed.path("bankAccountRef").path("id").asString()).isEqualTo(bank);
        assertThat(changed.path("lines").path(0).path("recordRef").path("dataType").asString()).isEqualTo("payments");
        // a deleted record keeps its last content in the cache, flagged; a deleted transfer's two sides both go
        for (String deleted : List.of(paidOut, transfer.path("FromBankTransactionID").asString(),
                transfer.path("ToBankTransactionID").asString())) {
            assertThat(jdbc.queryForObject("select deleted from record where connection_id = ? and data_type ="
                    + " 'accountTransactions' and record_id = ?", Boolean.class, UUID.fromString(connection), deleted))
                    .as(deleted).isTrue();
        }
        assertAccountTransactionsMatch(connection, ledger);
        assertThat(XERO.stats().violations()).isEmpty();
    }

    /**
     * Per bank account, the account transactions are one per payment, bank transaction and transfer side Xero
     * booked to it (deleted ones kept, flagged), in Codat's schema, and the live ones add up to the money those
     * records move through it: payments received and refunds from suppliers in, bill payments and refunds to
     * customers out; RECEIVE* in, SPEND* out; a transfer out of its From account and into its To account. Nothing
     * is booked to an account that is no bank account.
     */
    private void assertAccountTransactionsMatch(String connection, Ledger ledger) {
        UUID conn = UUID.fromString(connection);
        Set<String> moneyIn = Set.of("ACCRECPAYMENT", "APCREDITPAYMENT", "APOVERPAYMENTPAYMENT",
                "APPREPAYMENTPAYMENT");
        long all = 0;
        for (String bank : bankAccountIds(ledger)) {
            long records = 0;
            java.math.BigDecimal moved = java.math.BigDecimal.ZERO;
            for (JsonNode p : ledger.records("Payments")) {
                if (bank.equals(p.path("Account").path("AccountID").asString(""))) {
                    records++;
                    java.math.BigDecimal amount = p.path("Amount").decimalValue();
                    moved = live(p) ? moved.add(moneyIn.contains(p.path("PaymentType").asString()) ? amount
                            : amount.negate()) : moved;
                }
            }
            for (JsonNode t : ledger.records("BankTransactions")) {
                String type = t.path("Type").asString("");
                if (bank.equals(t.path("BankAccount").path("AccountID").asString("")) && !type.endsWith("TRANSFER")) {
                    records++;
                    java.math.BigDecimal total = t.path("Total").decimalValue();
                    moved = live(t) ? moved.add(type.startsWith("RECEIVE") ? total : total.negate()) : moved;
                }
            }
            for (JsonNode t : ledger.records("BankTransfers")) {
                for (String side : List.of("FromBankAccount", "ToBankAccount")) {
                    if (bank.equals(t.path(side).path("AccountID").asString(""))) {
                        records++;
                        java.math.BigDecimal amount = t.path("Amount").decimalValue();
                        moved = live(t) ? moved.add(side.startsWith("To") ? amount : amount.negate()) : moved;
                    }
                }
            }
            Map<String, Object> held = jdbc.queryForMap("select count(*) as records, coalesce(sum(case when not"
                    + " deleted and data->>'status' <> 'Void' then (data->>'totalAmount')::numeric end), 0) as moved"
                    + " from record where connection_id = ? and data_type = 'accountTransactions' and"
                    + " data#>>'{bankAccountRef,id}' = ?", conn, bank);
            assertThat((Long) held.get("records")).as("records on " + bank).isEqualTo(records);
            assertThat((java.math.BigDecimal) held.get("moved")).as("money through " + bank)
                    .isEqualByComparingTo(moved);
            all += records;
        }
        assertThat(all).as("several kinds on several accounts").isGreaterThan(100);
        assertThat(count(connection, "accountTransactions")).as("nothing on other accounts").isEqualTo(all);
        for (Map<String, Object> row : jdbc.queryForList("select data::text as data from record where connection_id"
                + " = ? and data_type = 'accountTransactions'", conn)) {
            JsonNode record = JSON.readTree((String) row.get("data"));
            assertThat(CODAT.problems(record, SCHEMAS.get("accountTransactions"))).as(record.toString()).isEmpty();
            assertThat(record.path("lines").path(0).path("amount").decimalValue()).as(record.toString())
                    .isEqualByComparingTo(record.path("totalAmount").decimalValue());
        }
    }

    private static boolean live(JsonNode record) {
        String status = record.path("Status").asString("");
        return !"DELETED".equals(status) && !"VOIDED".equals(status);
    }

    private static List<String> bankAccountIds(Ledger ledger) {
        return ledger.records("Accounts").stream().filter(a -> "BANK".equals(a.path("Type").asString("")))
                .map(a -> a.path("AccountID").asString()).toList();
    }

    private static String paymentOn(Ledger ledger, String bank, String type) {
        return ledger.records("Payments").stream().filter(p -> type.equals(p.path("PaymentType").asString(""))
                && "AUTHORISED".equals(p.path("Status").asString(""))
                && bank.equals(p.path("Account").path("AccountID").asString(""))).skip(3)
                .map(p -> p.path("PaymentID").asString()).findFirst().orElseThrow();
    }

    private static boolean receivable(JsonNode payment) {
        String type = payment.path("PaymentType").asString("");
        return type.startsWith("AR") || type.equals("ACCRECPAYMENT");
    }

    /** Calls to read {@code records} records at the tests' page size of 5 (at least one). */
    private static long pages(long records) {
        return Math.max(1, (records + 4) / 5);
    }

    // ---- helpers ----

    /** A company whose sync settings fetch exactly {@code dataTypes} when a connection is linked (one sync). */
    private String companySyncingOnLink(List<String> dataTypes) {
        String id = company(true);
        String settings = dataTypes.stream().map(dataType -> "{\"dataType\":\"" + dataType
                + "\",\"fetchOnFirstLink\":true,\"syncSchedule\":0,\"syncOrder\":0}")
                .collect(java.util.stream.Collectors.joining(","));
        assertThat(api.post("/companies/" + id + "/syncSettings", "{\"settings\":[" + settings
                + "],\"overridesDefaults\":true}").status()).isEqualTo(204);
        return id;
    }

    /** Waits for the {@code count} pulls of the connection requested after {@code since} to complete; their ids. */
    private List<String> awaitSync(String connection, java.time.Instant since, int count) {
        await().atMost(SYNC).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select status from dataset where connection_id = ? and requested_utc > ?", String.class,
                UUID.fromString(connection), java.sql.Timestamp.from(since))).hasSize(count).containsOnly("Complete"));
        return jdbc.queryForList("select id::text from dataset where connection_id = ? and requested_utc > ?",
                String.class, UUID.fromString(connection), java.sql.Timestamp.from(since));
    }

    private String company(boolean syncOnLink) {
        Api.Response company = api.post("/companies", "{\"name\":\"Xero Co " + UUID.randomUUID() + "\"}");
        assertThat(company.status()).as(company.toString()).isEqualTo(200);
        String id = company.json().path("id").asString();
        if (!syncOnLink) {
            assertThat(api.post("/companies/" + id + "/syncSettings", NO_SYNC_ON_LINK).status()).isEqualTo(204);
        }
        return id;
    }

    private void link(String company, String connection) {
        XeroFixture.Landing landing = XeroFixture.authorise(linkUrl(company, connection),
                XeroEmulatorConfig.SINGLE_ORG_USER, List.of(DEMO));
        assertThat(landing.status()).as(landing.body()).isEqualTo(200);
        assertThat(status(company, connection)).isEqualTo("Linked");
    }

    private String linkUrl(String company, String connection) {
        return api.get("/companies/" + company + "/connections/" + connection).json().path("linkUrl").asString();
    }

    private String status(String company, String connection) {
        return api.get("/companies/" + company + "/connections/" + connection).json().path("status").asString();
    }

    private String sealedToken(String connection) {
        return jdbc.queryForObject("select access_token_sealed from connection_token where connection_id = ?",
                String.class, UUID.fromString(connection));
    }

    /** The organisations the connection's grant reaches, as Xero's GET /connections lists them. */
    private List<String> xeroConnections(String company, String connection) {
        String token = credentials.accessToken(ClientId.of(tenant.clientId()), CompanyId.of(UUID.fromString(company)),
                ConnectionId.of(UUID.fromString(connection)));
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(XERO.connectionsUrl())).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(answer.body()).valueStream().map(c -> c.path("tenantId").asString()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String connection, String dataType) {
        return jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type = ?",
                Long.class, UUID.fromString(connection), dataType);
    }

    private JsonNode recordJson(String connection, String dataType, String id) {
        return JSON.readTree(jdbc.queryForObject("select data::text from record where connection_id = ? and"
                + " data_type = ? and record_id = ?", String.class, UUID.fromString(connection), dataType, id));
    }

    /** Every cached record of the connection validates against Codat's schema of its data type. */
    private void assertConformsToCodat(String connection) {
        List<Map<String, Object>> rows = jdbc.queryForList("select data_type, deleted, data::text as data from record"
                + " where connection_id = ?", UUID.fromString(connection));
        assertThat(rows).hasSizeGreaterThan(100);
        assertThat(rows).extracting(row -> row.get("data_type")).as("every offered data type has records")
                .containsAll(DATA_TYPES);
        for (Map<String, Object> row : rows) {
            String dataType = (String) row.get("data_type");
            JsonNode record = JSON.readTree((String) row.get("data"));
            List<String> problems;
            if ("company".equals(dataType)) {
                // Codat's company info has no id or dates of its own; the cache needs an id for every record
                problems = CODAT.problems(record, SCHEMAS.get(dataType), "id", "modifiedDate", "sourceModifiedDate");
            } else if (REPORTS.containsKey(dataType)) {
                continue; // monthly statements: served as Codat's reports, checked in assertReportsConformToCodat
            } else if ("bankTransactions".equals(dataType) && Boolean.TRUE.equals(row.get("deleted"))) {
                // Codat's bank transaction has no metadata; a deletion is marked the way every other type's is
                problems = CODAT.problems(record, SCHEMAS.get(dataType), "metadata");
            } else {
                problems = CODAT.problems(record, SCHEMAS.get(dataType));
            }
            assertThat(problems).as(dataType + " " + record).isEmpty();
        }
    }

    private static Map<String, String> orderedSchemas(String... pairs) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private void awaitStatuses(String company, List<String> dataTypes, String status) {
        await().atMost(SYNC).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode statuses = api.get("/companies/" + company + "/dataStatus").json();
            for (String dataType : dataTypes) {
                assertThat(statuses.path(dataType).path("currentStatus").asString()).as(dataType + " " + statuses)
                        .isEqualTo(status);
            }
        });
    }

    private JsonNode awaitFinished(String company, String datasetId, String status) {
        String path = "/companies/" + company + "/data/history/" + datasetId;
        await().atMost(SYNC).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(
                api.get(path).json().path("status").asString()).isEqualTo(status));
        return api.get(path).json();
    }
}
