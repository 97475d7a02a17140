package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QuickBooksFixture.ALICE_REALM;
import static dev.bridgekeeper.connector.quickbooks.QuickBooksFixture.QBO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bridgekeeper.connector.emulator.HookReceiver;
import dev.bridgekeeper.connector.quickbooks.emulator.QboSettings;
import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.support.Api;
import dev.bridgekeeper.support.ApiIntegrationTest;
import dev.bridgekeeper.support.CodatRecordValidator;
import dev.bridgekeeper.support.CodatSchemas;
import dev.bridgekeeper.support.Tenant;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The QuickBooks Online connector end to end against the QuickBooks emulator, over real HTTP on the embedded
 * PostgreSQL: the linkUrl flow through Intuit's sign-in and company pages with the realm on the callback, first syncs
 * of every data type mapped to Codat's schemas, change data capture picking up a change and a deletion, a full read
 * once the last one is beyond CDC's 30 days, refresh with rotation, a Fault inside an HTTP 200, a token refused inside
 * an HTTP 200 or a 401 (one refresh, then Deauthorized), the authorization's five-year end, a 429 with Retry-After, a
 * grant revoked at Intuit and revocation at Intuit after an unlink. Every request Bridgekeeper sends
 * must meet Intuit's documented rules (the emulator records any that does not).
 */
@ApiIntegrationTest
// a database of its own: other test contexts stay running, and their workers, which know no QuickBooks app, must not
// pick up this context's jobs (the data-dir is read before dynamic properties apply)
@TestPropertySource(properties = "bridgekeeper.data-dir=target/it-data-quickbooks-connector")
class QuickBooksConnectorIT {

    static final Duration SYNC = Duration.ofSeconds(120);
    static final Map<String, String> SCHEMAS = Map.ofEntries(Map.entry("company", "AccountingCompanyInfo"),
            Map.entry("chartOfAccounts", "AccountingAccount"), Map.entry("customers", "AccountingCustomer"),
            Map.entry("suppliers", "AccountingSupplier"), Map.entry("invoices", "AccountingInvoice"),
            Map.entry("bills", "AccountingBill"), Map.entry("payments", "AccountingPayment"),
            Map.entry("billPayments", "AccountingBillPayment"), Map.entry("creditNotes", "AccountingCreditNote"),
            Map.entry("billCreditNotes", "AccountingBillCreditNote"),
            Map.entry("items", "AccountingItem"), Map.entry("taxRates", "AccountingTaxRate"),
            Map.entry("trackingCategories", "AccountingTrackingCategory"),
            Map.entry("journalEntries", "AccountingJournalEntry"), Map.entry("bankAccounts", "AccountingBankAccount"),
            Map.entry("purchaseOrders", "AccountingPurchaseOrder"), Map.entry("directCosts", "AccountingDirectCost"),
            Map.entry("directIncomes", "AccountingDirectIncome"), Map.entry("transfers", "AccountingTransfer"),
            Map.entry("paymentMethods", "AccountingPaymentMethod"),
            Map.entry("accountTransactions", "AccountingAccountTransaction"),
            Map.entry("bankTransactions", "AccountingBankTransaction"));
    /** Monthly statements: cached per month, served as Codat's reports by the financials endpoints. */
    static final List<String> STATEMENTS = List.of("profitAndLoss", "balanceSheet", "cashFlowStatement");
    /** Data types Codat's Lending document describes (items and tax rates are in its Accounting document only). */
    static final List<String> IN_LENDING = List.of("company", "chartOfAccounts", "customers", "suppliers", "invoices",
            "bills", "payments", "billPayments", "creditNotes", "billCreditNotes", "trackingCategories",
            "journalEntries", "bankAccounts", "directCosts", "directIncomes", "transfers", "paymentMethods",
            "accountTransactions", "bankTransactions");
    static final String NO_SYNC_ON_LINK = "{\"settings\":[{\"dataType\":\"banking-accounts\","
            + "\"fetchOnFirstLink\":false,\"syncSchedule\":0,\"syncOrder\":0}],\"overridesDefaults\":true}";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final CodatRecordValidator CODAT = CodatRecordValidator.load("Codat-Lending.yaml");
    private static final CodatSchemas CODAT_ACCOUNTING = CodatSchemas.accounting();

    @DynamicPropertySource
    static void quickbooks(DynamicPropertyRegistry registry) {
        QuickBooksFixture.configure(registry);
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
        QuickBooksFixture.registerApp(publicUrl);
        QBO.faults().clear();
        QBO.traffic().reset();
        QBO.clearViolations();
        tenant = Tenant.create(jdbc, port, "QuickBooks lender " + UUID.randomUUID().toString().substring(0, 8));
        api = tenant.api();
    }

    @Test
    void aLinkBindsTheRealmOnTheCallbackAndTheFirstSyncReadsEveryDataTypeInCodatsModel() {
        String company = company(true);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        JsonNode linked = api.get("/companies/" + company + "/connections/" + connection).json();
        assertThat(linked.path("connectionInfo").path("organisationId").asString()).isEqualTo(ALICE_REALM);
        assertThat(linked.path("connectionInfo").path("organisationName").asString())
                .isEqualTo("Alice's Landscaping");
        List<String> offered = new ArrayList<>(SCHEMAS.keySet());
        offered.addAll(STATEMENTS);
        awaitStatuses(company, offered, "Complete");

        assertThat(count(connection, "company")).isEqualTo(1);
        assertThat(count(connection, "chartOfAccounts")).isEqualTo(QBO.count(ALICE_REALM, "Account"));
        assertThat(count(connection, "customers")).as("inactive customers included")
                .isEqualTo(QBO.count(ALICE_REALM, "Customer"));
        assertThat(count(connection, "suppliers")).isEqualTo(QBO.count(ALICE_REALM, "Vendor"));
        assertThat(count(connection, "invoices")).isEqualTo(QBO.count(ALICE_REALM, "Invoice"));
        assertThat(count(connection, "bills")).isEqualTo(QBO.count(ALICE_REALM, "Bill"));
        assertThat(count(connection, "payments")).isEqualTo(QBO.count(ALICE_REALM, "Payment"));
        assertThat(count(connection, "billPayments")).isEqualTo(QBO.count(ALICE_REALM, "BillPayment"));
        assertThat(count(connection, "creditNotes")).isEqualTo(QBO.count(ALICE_REALM, "CreditMemo"));
        assertThat(count(connection, "billCreditNotes")).isEqualTo(QBO.count(ALICE_REALM, "VendorCredit"));
        assertThat(count(connection, "items")).isEqualTo(QBO.count(ALICE_REALM, "Item"));
        assertThat(count(connection, "taxRates")).isEqualTo(QBO.count(ALICE_REALM, "TaxCode"));
        assertThat(count(connection, "trackingCategories")).isEqualTo(QBO.count(ALICE_REALM, "Class")
                + QBO.count(ALICE_REALM, "Department"));
        assertThat(count(connection, "journalEntries")).isEqualTo(QBO.count(ALICE_REALM, "JournalEntry"));
        assertThat(count(connection, "bankAccounts")).isEqualTo(QBO.records(ALICE_REALM, "Account").stream()
                .filter(a -> List.of("Bank", "Credit Card").contains(a.path("AccountType").asString(""))).count());
        assertThat(count(connection, "purchaseOrders")).isEqualTo(QBO.count(ALICE_REALM, "PurchaseOrder"));
        assertThat(count(connection, "directCosts")).as("purchases, less refunds to a card")
                .isEqualTo(QBO.records(ALICE_REALM, "Purchase").stream()
                        .filter(p -> !p.path("Credit").asBoolean(false)).count()).isPositive();
        assertThat(count(connection, "directIncomes")).as("sales and refund receipts, deposits of other income")
                .isEqualTo(QBO.count(ALICE_REALM, "SalesReceipt") + QBO.count(ALICE_REALM, "RefundReceipt")
                        + QBO.records(ALICE_REALM, "Deposit").stream().filter(d -> !unlinkedLines(d).isEmpty())
                                .count());
        assertThat(count(connection, "transfers")).isEqualTo(QBO.count(ALICE_REALM, "Transfer"));
        assertThat(count(connection, "paymentMethods")).as("inactive methods included")
                .isEqualTo(QBO.count(ALICE_REALM, "PaymentMethod"));
        assertCashTransactionsAddUp(connection);
        assertAccountTransactions(connection);
        assertBankTransactions(company, connection);
        assertAllocations(connection, "invoices", "Invoice", "Payment");
        assertAllocations(connection, "bills", "Bill", "BillPayment");
        assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type ="
                + " 'customers' and data->>'status' = 'Archived'", Long.class, UUID.fromString(connection)))
                .as("inactive customers are kept, as Archived").isEqualTo(QBO.records(ALICE_REALM, "Customer")
                        .stream().filter(c -> !c.path("Active").asBoolean(true)).count()).isPositive();
        JsonNode info = recordJson(connection, "company", ALICE_REALM);
        assertThat(info.path("companyName").asString()).isEqualTo("Alice's Landscaping");
        assertThat(info.path("baseCurrency").asString()).isEqualTo("USD");
        assertConformsToCodat(connection);
        assertStatements(company, connection);
        assertThat(QBO.traffic().maxConcurrencyObserved(ALICE_REALM)).isLessThanOrEqualTo(10);
        assertThat(QBO.traffic().throttledResponses()).isZero();
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void changeDataCapturePicksUpAChangeAndADeletion() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        awaitFinished(company, queue(company, "invoices"), "Complete");
        long before = count(connection, "invoices");
        List<String> ids = QBO.records(ALICE_REALM, "Invoice").stream().map(i -> i.path("Id").asString()).toList();
        String changed = ids.get(3);
        String deleted = ids.get(7);

        // a QuickBooks user edits one invoice and deletes another
        QBO.updateRecord(ALICE_REALM, "Invoice", changed, i -> i.put("PrivateNote", "Changed by the test"));
        QBO.deleteRecord(ALICE_REALM, "Invoice", deleted);
        QBO.traffic().reset();
        String dataset = queue(company, "invoices");
        awaitFinished(company, dataset, "Complete");

        Map<String, Object> row = jdbc.queryForMap("select full_sync, modified_since from dataset where id = ?",
                UUID.fromString(dataset));
        assertThat(row.get("full_sync")).isEqualTo(false);
        assertThat(row.get("modified_since")).isNotNull();
        assertThat(QBO.traffic().callsByEndpoint(ALICE_REALM)).as("changes only").containsEntry("cdc", 1L)
                .doesNotContainKey("query:Invoice");
        assertThat(recordJson(connection, "invoices", changed).path("note").asString())
                .isEqualTo("Changed by the test");
        assertThat(deleted(connection, "invoices", deleted)).isTrue();
        assertThat(recordJson(connection, "invoices", deleted).has("issueDate")).as("the last content is kept")
                .isTrue();
        assertThat(api.get("/companies/" + company + "/data/invoices/" + deleted).json().path("metadata")
                .path("isDeleted").asBoolean()).as("flagged when fetched by id").isTrue();
        assertThat(count(connection, "invoices")).as("nothing lost, nothing doubled").isEqualTo(before);
        assertConformsToCodat(connection);
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void changeDataCaptureOfDirectIncomesPicksUpChangedAndDeletedRefundReceiptsAndDeposits() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        awaitFinished(company, queue(company, "directIncomes"), "Complete");
        long before = count(connection, "directIncomes");
        List<String> refunds = QBO.records(ALICE_REALM, "RefundReceipt").stream().map(r -> r.path("Id").asString())
                .toList();
        List<String> deposits = QBO.records(ALICE_REALM, "Deposit").stream()
                .filter(d -> !unlinkedLines(d).isEmpty()).map(d -> d.path("Id").asString()).toList();

        QBO.updateRecord(ALICE_REALM, "RefundReceipt", refunds.get(1), r -> r.put("PrivateNote", "Refund changed"));
        QBO.deleteRecord(ALICE_REALM, "RefundReceipt", refunds.get(2));
        QBO.updateRecord(ALICE_REALM, "Deposit", deposits.get(1), d -> d.put("PrivateNote", "Deposit changed"));
        QBO.deleteRecord(ALICE_REALM, "Deposit", deposits.get(2));
        QBO.traffic().reset();
        syncAgain(company, "directIncomes", false);
        assertThat(QBO.traffic().callsByEndpoint(ALICE_REALM)).as("changes only, one CDC call for the three entities")
                .containsEntry("cdc", 1L).doesNotContainKeys("query:RefundReceipt", "query:Deposit");
        assertThat(recordJson(connection, "directIncomes", "refundReceipt-" + refunds.get(1)).path("note")
                .asString()).isEqualTo("Refund changed");
        assertThat(recordJson(connection, "directIncomes", "deposit-" + deposits.get(1)).path("note").asString())
                .isEqualTo("Deposit changed");
        assertThat(deleted(connection, "directIncomes", "refundReceipt-" + refunds.get(2))).isTrue();
        assertThat(deleted(connection, "directIncomes", "deposit-" + deposits.get(2))).isTrue();
        assertThat(count(connection, "directIncomes")).as("nothing lost, nothing doubled").isEqualTo(before);
        assertConformsToCodat(connection);
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void changeDataCaptureOfAccountTransactionsPicksUpAChangedDepositAndBothSidesOfADeletedTransfer() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        awaitFinished(company, queue(company, "accountTransactions"), "Complete");
        long before = count(connection, "accountTransactions");
        String deposit = QBO.records(ALICE_REALM, "Deposit").get(3).path("Id").asString();
        String transfer = QBO.records(ALICE_REALM, "Transfer").get(2).path("Id").asString();

        QBO.updateRecord(ALICE_REALM, "Deposit", deposit, d -> d.put("PrivateNote", "Deposit changed"));
        QBO.deleteRecord(ALICE_REALM, "Transfer", transfer);
        QBO.traffic().reset();
        syncAgain(company, "accountTransactions", false);
        assertThat(QBO.traffic().callsByEndpoint(ALICE_REALM)).as("the bank accounts, then changes only")
                .containsEntry("cdc", 1L).containsEntry("query:Account", 1L).doesNotContainKey("query:Deposit");
        assertThat(recordJson(connection, "accountTransactions", "deposit-" + deposit).path("note").asString())
                .isEqualTo("Deposit changed");
        assertThat(deleted(connection, "accountTransactions", "transfer-" + transfer + "-from")).isTrue();
        assertThat(deleted(connection, "accountTransactions", "transfer-" + transfer + "-to")).isTrue();
        assertThat(count(connection, "accountTransactions")).as("nothing lost, nothing doubled").isEqualTo(before);
        assertConformsToCodat(connection);
        assertThat(QBO.violations()).isEmpty();
    }

    /**
     * Bank transactions are the account transactions as lines of their account's statement, read with the very same
     * requests: a first sync of both costs exactly the vendor calls of account transactions alone (the second pull
     * takes the first one's answers). Change data capture then picks up a changed deposit and a deleted purchase.
     */
    @Test
    void bankTransactionsShareTheAccountTransactionsReadsAndFollowChanges() {
        String alone = companySyncingOnLink("accountTransactions");
        String aloneConnection = QuickBooksFixture.createConnection(api, alone);
        QBO.traffic().reset();
        link(alone, aloneConnection, QboSettings.ALICE, ALICE_REALM);
        awaitStatuses(alone, List.of("accountTransactions"), "Complete");
        Map<String, Long> accountTransactionsAlone = QBO.traffic().callsByEndpoint(ALICE_REALM);
        assertThat(accountTransactionsAlone).as("the bank accounts and seven entities")
                .containsKeys("query:Account", "query:Payment", "query:Deposit", "query:Transfer");

        String company = companySyncingOnLink("accountTransactions", "bankTransactions");
        String connection = QuickBooksFixture.createConnection(api, company);
        QBO.traffic().reset();
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        awaitStatuses(company, List.of("accountTransactions", "bankTransactions"), "Complete");
        assertThat(QBO.traffic().callsByEndpoint(ALICE_REALM)).as("no call more than account transactions alone")
                .isEqualTo(accountTransactionsAlone);
        assertThat(count(connection, "bankTransactions")).isEqualTo(count(connection, "accountTransactions"))
                .isEqualTo(bankMovements().size());

        long before = live(connection, "bankTransactions");
        String deposit = QBO.records(ALICE_REALM, "Deposit").get(4).path("Id").asString();
        String purchase = QBO.records(ALICE_REALM, "Purchase").get(5).path("Id").asString();
        QBO.updateRecord(ALICE_REALM, "Deposit", deposit, d -> d.put("PrivateNote", "Deposit noted by the test"));
        QBO.deleteRecord(ALICE_REALM, "Purchase", purchase);
        QBO.traffic().reset();
        syncAgain(company, "bankTransactions", false);
        assertThat(QBO.traffic().callsByEndpoint(ALICE_REALM)).as("the bank accounts, then changes only")
                .containsEntry("cdc", 1L).containsEntry("query:Account", 1L).doesNotContainKey("query:Deposit");
        assertThat(recordJson(connection, "bankTransactions", "deposit-" + deposit).path("description").asString())
                .as("a deposit names no counterparty: its note").isEqualTo("Deposit noted by the test");
        assertThat(deleted(connection, "bankTransactions", "purchase-" + purchase)).isTrue();
        // (deletions other tests made in this realm arrive too, as deleted records of documents never read here)
        assertThat(live(connection, "bankTransactions")).as("one gone, nothing doubled").isEqualTo(before - 1);
        assertConformsToCodat(connection);
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void theChangeReadsOfOneSyncOfEveryDataTypeShareOneChangeDataCaptureCall() {
        String company = company(true);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        List<String> offered = new ArrayList<>(SCHEMAS.keySet());
        offered.addAll(STATEMENTS);
        awaitStatuses(company, offered, "Complete");
        // the first reads began seconds apart; as if they had all begun in one minute (the next reads' since is the
        // minute their last read began, so reads begun in two minutes ask two questions)
        jdbc.update("update dataset set fetch_started_utc = (select max(fetch_started_utc) from dataset where"
                + " connection_id = ?) where connection_id = ?", UUID.fromString(connection),
                UUID.fromString(connection));
        String invoice = QBO.records(ALICE_REALM, "Invoice").get(4).path("Id").asString();
        String customer = QBO.records(ALICE_REALM, "Customer").get(2).path("Id").asString();
        String purchase = QBO.records(ALICE_REALM, "Purchase").stream().filter(p -> !p.path("Credit").asBoolean(false))
                .findFirst().orElseThrow().path("Id").asString();
        String bill = QBO.records(ALICE_REALM, "Bill").get(3).path("Id").asString();
        QBO.updateRecord(ALICE_REALM, "Invoice", invoice, i -> i.put("PrivateNote", "Invoice changed"));
        QBO.updateRecord(ALICE_REALM, "Customer", customer, c -> c.put("DisplayName", "Renamed by the test"));
        QBO.updateRecord(ALICE_REALM, "Purchase", purchase, p -> p.put("PrivateNote", "Purchase changed"));
        QBO.deleteRecord(ALICE_REALM, "Bill", bill);
        QBO.traffic().reset();
        Instant asked = Instant.now().minusSeconds(1);

        assertThat(api.post("/companies/" + company + "/data/all", null).status()).isEqualTo(204);
        await().atMost(SYNC).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select status from dataset where connection_id = ? and requested_utc > ?", String.class,
                UUID.fromString(connection), Timestamp.from(asked))).hasSize(offered.size()).containsOnly("Complete"));

        assertThat(jdbc.queryForObject("select count(*) from dataset where connection_id = ? and requested_utc > ?"
                + " and full_sync", Long.class, UUID.fromString(connection), Timestamp.from(asked)))
                .as("only the data types read whole every time").isEqualTo(6);
        assertThat(QBO.traffic().callsByEndpoint(ALICE_REALM)).as("one change call for every entity")
                .containsEntry("cdc", 1L).doesNotContainKeys("query:Invoice", "query:Bill", "query:Purchase");
        assertThat(recordJson(connection, "invoices", invoice).path("note").asString()).isEqualTo("Invoice changed");
        assertThat(recordJson(connection, "customers", customer).path("customerName").asString())
                .isEqualTo("Renamed by the test");
        assertThat(recordJson(connection, "directCosts", purchase).path("note").asString())
                .isEqualTo("Purchase changed");
        assertThat(recordJson(connection, "accountTransactions", "purchase-" + purchase).path("note").asString())
                .as("two data types from one entity").isEqualTo("Purchase changed");
        assertThat(deleted(connection, "bills", bill)).isTrue();
        assertConformsToCodat(connection);
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void aChangeCallForSeveralEntitiesThatFailsIsAskedAgainEntityByEntity() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        awaitFinished(company, queue(company, "directIncomes"), "Complete");
        String refund = QBO.records(ALICE_REALM, "RefundReceipt").get(1).path("Id").asString();
        QBO.updateRecord(ALICE_REALM, "RefundReceipt", refund, r -> r.put("PrivateNote", "Refund changed"));
        QBO.traffic().reset();
        // one entity QuickBooks will not answer about faults the whole call, as an unknown entity does
        QBO.faults().faultInsideOkAnswerNext(1);

        syncAgain(company, "directIncomes", false);
        assertThat(QBO.traffic().calls().stream().filter(c -> c.endpoint().equals("cdc")).count())
                .as("the failed call for three entities, then one for each").isEqualTo(4);
        assertThat(recordJson(connection, "directIncomes", "refundReceipt-" + refund).path("note").asString())
                .isEqualTo("Refund changed");
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void aLastReadOlderThanChangeDataCapturesThirtyDaysIsFollowedByAFullRead() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        awaitFinished(company, queue(company, "bills"), "Complete");
        // the last read was 30 days and 30 minutes ago (within the periodic full-read interval of this context)
        jdbc.update("update dataset set fetch_started_utc = fetch_started_utc - interval '30 days 30 minutes'"
                + " where connection_id = ? and data_type = 'bills'", UUID.fromString(connection));
        List<String> ids = QBO.records(ALICE_REALM, "Bill").stream().map(b -> b.path("Id").asString()).toList();
        QBO.updateRecord(ALICE_REALM, "Bill", ids.get(2), b -> b.put("PrivateNote", "Changed a month later"));
        QBO.deleteRecord(ALICE_REALM, "Bill", ids.get(5));
        QBO.traffic().reset();

        syncAgain(company, "bills", true);
        assertThat(QBO.traffic().callsByEndpoint(ALICE_REALM)).doesNotContainKey("cdc").containsKey("query:Bill");
        assertThat(recordJson(connection, "bills", ids.get(2)).path("note").asString())
                .isEqualTo("Changed a month later");
        assertThat(deleted(connection, "bills", ids.get(5))).as("not listed by the full read: deleted").isTrue();
        assertThat(QBO.violations()).as("CDC was not asked beyond its 30 days").isEmpty();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedAndTheRotatedRefreshTokenIsKept() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        QBO.expireAccessTokens();

        awaitFinished(company, queue(company, "company"), "Complete");

        assertThat(jdbc.queryForObject("select refreshed_count from connection_token where connection_id = ?",
                Integer.class, UUID.fromString(connection))).isEqualTo(1);
        assertThat(QBO.traffic().tokenRequests()).containsEntry("refresh_token", 1L);
        List<String> lineage = QBO.refreshTokenLineage(ALICE_REALM);
        assertThat(lineage).hasSize(2);
        assertThat(jdbc.queryForObject("select refresh_expires_utc > now() + interval '99 days' from"
                + " connection_token where connection_id = ?", Boolean.class, UUID.fromString(connection)))
                .as("x_refresh_token_expires_in kept").isTrue();
        // the newest refresh token is the one stored: refreshing again spends it (the superseded one would fail)
        jdbc.update("update connection_token set expires_utc = now() - interval '1 minute' where connection_id = ?",
                UUID.fromString(connection));
        credentials.accessToken(ClientId.of(tenant.clientId()), CompanyId.of(UUID.fromString(company)),
                ConnectionId.of(UUID.fromString(connection)));
        assertThat(QBO.refreshTokenLineage(ALICE_REALM)).hasSize(3).startsWith(lineage.get(0), lineage.get(1));
        assertThat(QBO.traffic().tokenRequests()).containsEntry("refresh_token", 2L)
                .doesNotContainKey("invalid_grant");
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void aFaultInsideAnHttp200IsAFailedReadWithIntuitsMessage() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        QBO.faults().faultInsideOkAnswerNext(1);

        JsonNode failed = awaitFinished(company, queue(company, "customers"), "FetchError");

        assertThat(failed.path("isErrored").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select error_message from dataset where id = ?", String.class,
                UUID.fromString(failed.path("id").asString()))).contains("ValidationFault")
                .contains("injected Fault inside an HTTP 200 answer");
        assertThat(count(connection, "customers")).as("nothing half-written").isZero();
        assertThat(status(company, connection)).isEqualTo("Linked");
        // the next read is whole again
        awaitFinished(company, queue(company, "customers"), "Complete");
        assertThat(count(connection, "customers")).isEqualTo(QBO.count(ALICE_REALM, "Customer"));
        assertThat(QBO.violations()).isEmpty();
    }

    /** Before: an AuthenticationFault inside an HTTP 200 ended the read AuthError without trying a fresh token. */
    @Test
    void anAuthenticationFaultInsideAnHttp200IsAnsweredByOneRefreshAndTheReadGoesOn() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        QBO.faults().authenticationFaultInsideOkAnswerNext(1);

        awaitFinished(company, queue(company, "customers"), "Complete");

        assertThat(QBO.traffic().tokenRequests()).containsEntry("refresh_token", 1L);
        assertThat(jdbc.queryForObject("select refreshed_count from connection_token where connection_id = ?",
                Integer.class, UUID.fromString(connection))).isEqualTo(1);
        assertThat(count(connection, "customers")).isEqualTo(QBO.count(ALICE_REALM, "Customer"));
        assertThat(status(company, connection)).isEqualTo("Linked");
        assertThat(QBO.violations()).isEmpty();
    }

    /**
     * Before: the refused renewed token ended the read AuthError and left the connection Linked, so every later sync
     * refreshed and failed again while the lender was never told.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AuthenticationFault in HTTP 200", "401 with a Fault"})
    void aTokenRefusedAgainAfterItsRefreshDeauthorizesTheConnectionAndTheLenderIsTold(String refusal)
            throws Exception {
        try (HookReceiver hooks = HookReceiver.start()) {
            subscribeToDisconnections(hooks);
            String company = company(false);
            String connection = QuickBooksFixture.createConnection(api, company);
            link(company, connection, QboSettings.ALICE, ALICE_REALM);
            if (refusal.startsWith("401")) {
                QBO.faults().unauthorizedNext(2); // the call and its repeat with the renewed token
            } else {
                QBO.faults().authenticationFaultInsideOkAnswerNext(2);
            }

            awaitFinished(company, queue(company, "customers"), "AuthError");

            assertThat(QBO.traffic().tokenRequests()).as("one refresh, then no more").containsEntry("refresh_token", 1L);
            assertThat(status(company, connection)).isEqualTo("Deauthorized");
            assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?",
                    Integer.class, UUID.fromString(connection))).as("the tokens are forgotten").isZero();
            awaitDisconnected(hooks, connection);
        }
        assertThat(QBO.violations()).isEmpty();
    }

    /**
     * Intuit ends an authorization five years after it was given, however often it is refreshed, while every refresh
     * answers the rolling 100 days in x_refresh_token_expires_in. Bridgekeeper's clock is never moved: the
     * authorization's moment is set back in the database, as if it had been given five years ago less ten days.
     */
    @Test
    void anAuthorizationEndsFiveYearsAfterItWasGivenWhateverTheRollingExpirySays() throws Exception {
        try (HookReceiver hooks = HookReceiver.start()) {
            subscribeToDisconnections(hooks);
            String company = company(false);
            String connection = QuickBooksFixture.createConnection(api, company);
            link(company, connection, QboSettings.ALICE, ALICE_REALM);
            UUID id = UUID.fromString(connection);
            assertThat(jdbc.queryForObject("select authorized_utc between now() - interval '5 minutes' and now()"
                    + " from connection_token where connection_id = ?", Boolean.class, id))
                    .as("the authorization's moment is recorded at the code exchange").isTrue();

            jdbc.update("update connection_token set authorized_utc = now() - interval '1825 days'"
                    + " + interval '10 days' where connection_id = ?", id);
            QBO.expireAccessTokens();
            awaitFinished(company, queue(company, "company"), "Complete");
            assertThat(QBO.traffic().tokenRequests()).containsEntry("refresh_token", 1L);
            assertThat(jdbc.queryForObject("select refresh_expires_utc between now() + interval '9 days'"
                    + " and now() + interval '10 days' from connection_token where connection_id = ?", Boolean.class,
                    id)).as("the earlier of Intuit's rolling 100 days and the five years is kept").isTrue();

            jdbc.update("update connection_token set authorized_utc = now() - interval '1826 days',"
                    + " refresh_expires_utc = now() + interval '99 days' where connection_id = ?", id);
            QBO.expireAccessTokens();
            awaitFinished(company, queue(company, "company"), "AuthError");
            assertThat(QBO.traffic().tokenRequests()).as("Deauthorized without asking Intuit")
                    .containsEntry("refresh_token", 1L).doesNotContainKey("invalid_grant");
            assertThat(status(company, connection)).isEqualTo("Deauthorized");
            assertThat(api.get("/companies/" + company + "/connections/" + connection).json()
                    .path("dataConnectionErrors").toString()).contains("expired");
            awaitDisconnected(hooks, connection);
        }
        assertThat(QBO.violations()).isEmpty();
    }

    /**
     * Asked with x-include-refresh-token-hard-expires-in, Intuit answers the authorization's hard end in
     * x_refresh_token_hard_expires_in, while x_refresh_token_expires_in still says the rolling 100 days. That end is
     * kept from the code exchange and every refresh; once it has passed, the connection is Deauthorized without
     * asking Intuit, as at the five-year end. Here Intuit's end is set earlier than five years (the emulator's clock:
     * other tests may have moved it), first ten days, then seconds away.
     */
    @Test
    void theHardEndIntuitAnswersEndsTheAuthorizationWithoutAskingIntuitAgain() throws Exception {
        try (HookReceiver hooks = HookReceiver.start()) {
            subscribeToDisconnections(hooks);
            String company = company(false);
            String connection = QuickBooksFixture.createConnection(api, company);
            UUID id = UUID.fromString(connection);
            QBO.endAuthorizations(ALICE_REALM, QBO.clock().instant().plus(Duration.ofDays(10)));
            try {
                link(company, connection, QboSettings.ALICE, ALICE_REALM);
                assertThat(jdbc.queryForObject("select refresh_expires_utc between now() + interval '9 days'"
                        + " and now() + interval '10 days' from connection_token where connection_id = ?",
                        Boolean.class, id)).as("the code exchange's hard end, not the rolling 100 days").isTrue();

                QBO.endAuthorizations(ALICE_REALM, QBO.clock().instant().plus(Duration.ofSeconds(45)));
                QBO.expireAccessTokens();
                awaitFinished(company, queue(company, "company"), "Complete");
                assertThat(QBO.traffic().tokenRequests()).containsEntry("refresh_token", 1L);
                assertThat(jdbc.queryForObject("select refresh_expires_utc < now() + interval '45 seconds' from"
                        + " connection_token where connection_id = ?", Boolean.class, id))
                        .as("the refresh's hard end, seconds away").isTrue();

                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc
                        .queryForObject("select refresh_expires_utc < now() from connection_token where"
                                + " connection_id = ?", Boolean.class, id));
                QBO.expireAccessTokens();
                awaitFinished(company, queue(company, "company"), "AuthError");
                assertThat(QBO.traffic().tokenRequests()).as("Deauthorized without asking Intuit")
                        .containsEntry("refresh_token", 1L).doesNotContainKey("invalid_grant");
                assertThat(status(company, connection)).isEqualTo("Deauthorized");
                assertThat(api.get("/companies/" + company + "/connections/" + connection).json()
                        .path("dataConnectionErrors").toString()).contains("expired");
                awaitDisconnected(hooks, connection);
            } finally {
                QBO.endAuthorizations(ALICE_REALM, null);
            }
        }
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void a429WithRetryAfterIsWaitedForWithoutLosingOrDoublingARecord() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.ALICE, ALICE_REALM);
        QBO.faults().throttleNext(1);

        String dataset = queue(company, "invoices");
        await().atMost(SYNC).until(() -> QBO.traffic().throttledResponses() == 1);
        awaitFinished(company, dataset, "Complete");

        assertThat(jdbc.queryForObject("select count(*) from rate_block where limit_key like ?", Integer.class,
                "qhyg|" + QboSettings.CLIENT_ID + "|" + ALICE_REALM + "%")).as("every instance was told to wait")
                .isEqualTo(1);
        assertThat(count(connection, "invoices")).isEqualTo(QBO.count(ALICE_REALM, "Invoice"));
        assertThat(jdbc.queryForObject("select count(distinct record_id) from record where connection_id = ? and"
                + " data_type = 'invoices'", Long.class, UUID.fromString(connection)))
                .isEqualTo(QBO.count(ALICE_REALM, "Invoice"));
        assertThat(QBO.traffic().throttledResponses()).isEqualTo(1);
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void aGrantRevokedAtIntuitDeauthorizesTheConnectionAndTheLenderIsTold() throws Exception {
        try (HookReceiver hooks = HookReceiver.start()) {
            subscribeToDisconnections(hooks);
            String company = company(false);
            String connection = QuickBooksFixture.createConnection(api, company);
            link(company, connection, QboSettings.BOB, "9341452000002002");
            QBO.revokeGrant("9341452000002002");

            JsonNode failed = awaitFinished(company, queue(company, "chartOfAccounts"), "AuthError");
            assertThat(failed.path("isErrored").asBoolean()).isTrue();
            assertThat(status(company, connection)).isEqualTo("Deauthorized");
            assertThat(QBO.traffic().tokenRequests()).containsEntry("invalid_grant", 1L);
            assertThat(jdbc.queryForObject("select count(*) from connection_token where connection_id = ?",
                    Integer.class, UUID.fromString(connection))).isZero();
            awaitDisconnected(hooks, connection);
        }
        assertThat(QBO.violations()).isEmpty();
    }

    @Test
    void anUnlinkRevokesTheGrantAtIntuitAsIntuitAsksForIt() {
        String company = company(false);
        String connection = QuickBooksFixture.createConnection(api, company);
        link(company, connection, QboSettings.BOB, "9341452000002001");
        String token = credentials.accessToken(ClientId.of(tenant.clientId()), CompanyId.of(UUID.fromString(company)),
                ConnectionId.of(UUID.fromString(connection)));

        assertThat(api.patch("/companies/" + company + "/connections/" + connection, "{\"status\":\"Unlinked\"}")
                .json().path("status").asString()).isEqualTo("Unlinked");

        await().atMost(SYNC).until(() -> QBO.traffic().tokenRequests().getOrDefault("revoke", 0L) >= 1);
        HttpResponse<String> after = intuit(QBO.companyUrl("9341452000002001")
                + "/companyinfo/9341452000002001?minorversion=75", token);
        assertThat(after.statusCode()).as("the grant is gone at Intuit").isEqualTo(401);
        assertThat(QBO.violations()).as("a JSON revocation body, with the app's Basic authentication").isEmpty();
    }

    // ---- helpers ----

    private String company(boolean syncOnLink) {
        Api.Response company = api.post("/companies", "{\"name\":\"QuickBooks Co " + UUID.randomUUID() + "\"}");
        assertThat(company.status()).as(company.toString()).isEqualTo(200);
        String id = company.json().path("id").asString();
        if (!syncOnLink) {
            assertThat(api.post("/companies/" + id + "/syncSettings", NO_SYNC_ON_LINK).status()).isEqualTo(204);
        }
        return id;
    }

    /** A company whose connections fetch exactly {@code dataTypes} when they are linked. */
    private String companySyncingOnLink(String... dataTypes) {
        String id = company(true);
        List<String> settings = new ArrayList<>();
        for (String dataType : dataTypes) {
            settings.add("{\"dataType\":\"" + dataType + "\",\"fetchOnFirstLink\":true,\"syncSchedule\":0,"
                    + "\"syncOrder\":0}");
        }
        assertThat(api.post("/companies/" + id + "/syncSettings", "{\"settings\":[" + String.join(",", settings)
                + "],\"overridesDefaults\":true}").status()).isEqualTo(204);
        return id;
    }

    private void link(String company, String connection, QboSettings.TestUser user, String realmId) {
        String linkUrl = api.get("/companies/" + company + "/connections/" + connection).json().path("linkUrl")
                .asString();
        HttpResponse<String> landing = QuickBooksFixture.authorise(linkUrl, user, realmId);
        assertThat(landing.statusCode()).as(landing.body()).isEqualTo(200);
        assertThat(landing.body()).contains("is connected");
        assertThat(status(company, connection)).isEqualTo("Linked");
    }

    /** Queues the data type again, waits for it to complete and checks it was read in full or as changes only. */
    private void syncAgain(String company, String dataType, boolean full) {
        String dataset = queue(company, dataType);
        awaitFinished(company, dataset, "Complete");
        assertThat(jdbc.queryForObject("select full_sync from dataset where id = ?", Boolean.class,
                UUID.fromString(dataset))).as(full ? "a full read" : "changes only").isEqualTo(full);
    }

    private String queue(String company, String dataType) {
        Api.Response queued = api.post("/companies/" + company + "/data/queue/" + dataType, null);
        assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
        return queued.json().path("id").asString();
    }

    private String status(String company, String connection) {
        return api.get("/companies/" + company + "/connections/" + connection).json().path("status").asString();
    }

    private long count(String connection, String dataType) {
        return jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type = ?",
                Long.class, UUID.fromString(connection), dataType);
    }

    private long live(String connection, String dataType) {
        return jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type = ? and not"
                + " deleted", Long.class, UUID.fromString(connection), dataType);
    }

    private boolean deleted(String connection, String dataType, String id) {
        return jdbc.queryForObject("select deleted from record where connection_id = ? and data_type = ? and"
                + " record_id = ?", Boolean.class, UUID.fromString(connection), dataType, id);
    }

    private JsonNode recordJson(String connection, String dataType, String id) {
        return JSON.readTree(jdbc.queryForObject("select data::text from record where connection_id = ? and"
                + " data_type = ? and record_id = ?", String.class, UUID.fromString(connection), dataType, id));
    }

    /**
     * A direct cost's lines and its one payment add up to its total, paid from the account QuickBooks names; a
     * transfer moves the same amount out of one account and into another.
     */
    private void assertCashTransactionsAddUp(String connection) {
        for (JsonNode purchase : QBO.records(ALICE_REALM, "Purchase")) {
            if (purchase.path("Credit").asBoolean(false)) {
                continue;
            }
            JsonNode cost = recordJson(connection, "directCosts", purchase.path("Id").asString());
            java.math.BigDecimal lines = java.math.BigDecimal.ZERO;
            for (JsonNode line : cost.path("lineItems")) {
                lines = lines.add(line.path("totalAmount").decimalValue());
            }
            assertThat(lines).as("lines of " + cost).isEqualByComparingTo(cost.path("totalAmount").decimalValue());
            JsonNode paid = cost.path("paymentAllocations").get(0).path("payment");
            assertThat(paid.path("accountRef").path("id").asString()).isEqualTo(purchase.path("AccountRef")
                    .path("value").asString());
            assertThat(paid.path("totalAmount").decimalValue()).isEqualByComparingTo(purchase.path("TotalAmt")
                    .decimalValue());
        }
        for (JsonNode refund : QBO.records(ALICE_REALM, "RefundReceipt")) {
            JsonNode income = recordJson(connection, "directIncomes", "refundReceipt-" + refund.path("Id").asString());
            assertThat(income.path("totalAmount").decimalValue()).as("a refund is negative income")
                    .isEqualByComparingTo(refund.path("TotalAmt").decimalValue().negate());
            assertThat(sum(income.path("lineItems"), "totalAmount")).isEqualByComparingTo(income.path("totalAmount")
                    .decimalValue());
            assertThat(income.path("paymentAllocations").get(0).path("payment").path("accountRef").path("id")
                    .asString()).isEqualTo(refund.path("DepositToAccountRef").path("value").asString());
        }
        int linked = 0;
        int mixed = 0;
        for (JsonNode deposit : QBO.records(ALICE_REALM, "Deposit")) {
            List<JsonNode> other = unlinkedLines(deposit);
            BigDecimal income = other.stream().map(l -> l.path("Amount").decimalValue())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal moved = BigDecimal.ZERO;
            for (JsonNode line : deposit.path("Line")) {
                if (!line.path("LinkedTxn").isEmpty()) {
                    moved = moved.add(line.path("Amount").decimalValue());
                    assertThat(QBO.records(ALICE_REALM, "Payment")).as("a deposited payment exists")
                            .anyMatch(p -> p.path("Id").asString().equals(line.path("LinkedTxn").get(0)
                                    .path("TxnId").asString()));
                }
            }
            assertThat(income.add(moved)).as("deposit " + deposit.path("Id")).isEqualByComparingTo(deposit
                    .path("TotalAmt").decimalValue());
            String id = "deposit-" + deposit.path("Id").asString();
            if (other.isEmpty()) {
                linked++;
                assertThat(jdbc.queryForObject("select count(*) from record where connection_id = ? and data_type ="
                        + " 'directIncomes' and record_id = ?", Long.class, UUID.fromString(connection), id))
                        .as("payments taken to the bank are no income").isZero();
                continue;
            }
            mixed += moved.signum() != 0 ? 1 : 0;
            JsonNode direct = recordJson(connection, "directIncomes", id);
            assertThat(direct.path("totalAmount").decimalValue()).isEqualByComparingTo(income);
            assertThat(direct.path("lineItems")).hasSize(other.size());
            assertThat(direct.path("paymentAllocations").get(0).path("payment").path("accountRef").path("id")
                    .asString()).isEqualTo(deposit.path("DepositToAccountRef").path("value").asString());
        }
        assertThat(linked).as("deposits of payments only").isPositive();
        assertThat(mixed).as("deposits of payments and other money").isPositive();
        for (JsonNode source : QBO.records(ALICE_REALM, "Transfer")) {
            JsonNode transfer = recordJson(connection, "transfers", source.path("Id").asString());
            assertThat(transfer.path("from").path("accountRef").path("id").asString())
                    .isEqualTo(source.path("FromAccountRef").path("value").asString());
            assertThat(transfer.path("to").path("accountRef").path("id").asString())
                    .isEqualTo(source.path("ToAccountRef").path("value").asString());
            assertThat(transfer.path("to").path("amount").decimalValue()).isEqualByComparingTo(source
                    .path("Amount").decimalValue());
        }
    }

    /**
     * Every movement of money through a bank or card account is one account transaction (a transfer two, one per
     * side), on the account QuickBooks names, signed by direction; its lines add up to it; and per account they add up
     * to what the emulated company's documents moved. Payments into Undeposited Funds move no bank money.
     */
    private void assertAccountTransactions(String connection) {
        Map<String, Movement> movements = bankMovements();
        List<String> ids = new ArrayList<>(movements.keySet());
        Map<String, BigDecimal> expected = new java.util.TreeMap<>();
        movements.values().forEach(m -> expected.merge(m.account(), m.amount(), BigDecimal::add));
        assertThat(count(connection, "accountTransactions")).isEqualTo(ids.size());
        assertThat(QBO.records(ALICE_REALM, "Payment")).as("payments into Undeposited Funds are not bank money")
                .anyMatch(p -> !ids.contains("payment-" + p.path("Id").asString()));
        Map<String, BigDecimal> cached = new java.util.TreeMap<>();
        for (String id : ids) {
            JsonNode transaction = recordJson(connection, "accountTransactions", id);
            assertThat(sum(transaction.path("lines"), "amount")).as(id).isEqualByComparingTo(transaction
                    .path("totalAmount").decimalValue());
            cached.merge(transaction.path("bankAccountRef").path("id").asString(), transaction.path("totalAmount")
                    .decimalValue(), BigDecimal::add);
        }
        assertThat(cached.keySet()).isEqualTo(expected.keySet());
        expected.forEach((account, amount) -> assertThat(cached.get(account)).as("account " + account)
                .isEqualByComparingTo(amount));
        JsonNode deposit = null;
        for (JsonNode d : QBO.records(ALICE_REALM, "Deposit")) {
            if (d.path("Line").size() > 1 && !d.path("Line").get(0).path("LinkedTxn").isEmpty()) {
                deposit = d;
            }
        }
        assertThat(deposit).as("a deposit of a payment").isNotNull();
        JsonNode line = recordJson(connection, "accountTransactions", "deposit-" + deposit.path("Id").asString())
                .path("lines").get(0);
        assertThat(line.path("recordRef").path("dataType").asString()).isEqualTo("payments");
        assertThat(line.path("recordRef").path("id").asString()).isEqualTo(deposit.path("Line").get(0)
                .path("LinkedTxn").get(0).path("TxnId").asString());
    }

    /** Money moved through a bank or card account by one document (one side of a transfer). */
    private record Movement(String account, BigDecimal amount) {}

    /**
     * What the emulated company's documents moved through its bank and card accounts, by record id: payments, sales
     * receipts and deposits in, bill payments, purchases (but card refunds) and refund receipts out, transfers out of
     * one account and into another. A document whose account is no bank account (Undeposited Funds) moved nothing.
     */
    private static Map<String, Movement> bankMovements() {
        java.util.Set<String> banks = new java.util.HashSet<>();
        QBO.records(ALICE_REALM, "Account").stream().filter(a -> List.of("Bank", "Credit Card")
                .contains(a.path("AccountType").asString(""))).forEach(a -> banks.add(a.path("Id").asString()));
        Map<String, Movement> moved = new java.util.LinkedHashMap<>();
        java.util.function.BiConsumer<String, Movement> move = (id, movement) -> {
            if (movement.account() != null && banks.contains(movement.account())) {
                moved.put(id, movement);
            }
        };
        for (JsonNode p : QBO.records(ALICE_REALM, "Payment")) {
            move.accept("payment-" + p.path("Id").asString(), new Movement(p.path("DepositToAccountRef")
                    .path("value").asString(null), p.path("TotalAmt").decimalValue()));
        }
        for (JsonNode p : QBO.records(ALICE_REALM, "BillPayment")) {
            JsonNode from = "CreditCard".equals(p.path("PayType").asString()) ? p.path("CreditCardPayment")
                    .path("CCAccountRef") : p.path("CheckPayment").path("BankAccountRef");
            move.accept("billPayment-" + p.path("Id").asString(), new Movement(from.path("value").asString(null),
                    p.path("TotalAmt").decimalValue().negate()));
        }
        for (JsonNode p : QBO.records(ALICE_REALM, "Purchase")) {
            BigDecimal total = p.path("TotalAmt").decimalValue();
            move.accept("purchase-" + p.path("Id").asString(), new Movement(p.path("AccountRef").path("value")
                    .asString(null), p.path("Credit").asBoolean(false) ? total : total.negate()));
        }
        for (String[] receipt : List.of(new String[] {"SalesReceipt", "salesReceipt-", "1"},
                new String[] {"RefundReceipt", "refundReceipt-", "-1"}, new String[] {"Deposit", "deposit-", "1"})) {
            for (JsonNode r : QBO.records(ALICE_REALM, receipt[0])) {
                move.accept(receipt[1] + r.path("Id").asString(), new Movement(r.path("DepositToAccountRef")
                        .path("value").asString(null), r.path("TotalAmt").decimalValue()
                        .multiply(new BigDecimal(receipt[2]))));
            }
        }
        for (JsonNode t : QBO.records(ALICE_REALM, "Transfer")) {
            move.accept("transfer-" + t.path("Id").asString() + "-from", new Movement(t.path("FromAccountRef")
                    .path("value").asString(null), t.path("Amount").decimalValue().negate()));
            move.accept("transfer-" + t.path("Id").asString() + "-to", new Movement(t.path("ToAccountRef")
                    .path("value").asString(null), t.path("Amount").decimalValue()));
        }
        return moved;
    }

    /**
     * Every movement of money through a bank or card account is a line of that account's statement, with the account
     * transaction's id, served under its account; per account the lines are as many as the movements and add up to
     * what the emulated company's documents moved. What the API does not know (a running balance, whether the bank
     * cleared it) is left out, never made up.
     */
    private void assertBankTransactions(String company, String connection) {
        Map<String, Movement> movements = bankMovements();
        assertThat(count(connection, "bankTransactions")).isEqualTo(movements.size());
        Map<String, Long> expectedCount = new java.util.TreeMap<>();
        Map<String, BigDecimal> expectedSum = new java.util.TreeMap<>();
        movements.values().forEach(m -> {
            expectedCount.merge(m.account(), 1L, Long::sum);
            expectedSum.merge(m.account(), m.amount(), BigDecimal::add);
        });
        assertThat(expectedCount).as("money moves through several accounts").hasSizeGreaterThan(1);
        for (String account : expectedCount.keySet()) {
            JsonNode served = api.get("/companies/" + company + "/connections/" + connection
                    + "/data/bankAccounts/" + account + "/bankTransactions?pageSize=5000").json();
            assertThat(served.path("totalResults").asLong()).as("account " + account + " " + served)
                    .isEqualTo(expectedCount.get(account));
            BigDecimal sum = sum(served.path("results"), "amount");
            assertThat(sum).as("account " + account).isEqualByComparingTo(expectedSum.get(account));
            for (JsonNode line : served.path("results")) {
                Movement movement = movements.get(line.path("id").asString());
                assertThat(movement).as(line.toString()).isNotNull();
                assertThat(line.path("accountId").asString()).isEqualTo(account).isEqualTo(movement.account());
                assertThat(line.path("amount").decimalValue()).isEqualByComparingTo(movement.amount());
                assertThat(line.path("transactionType").asString()).as(line.toString())
                        .isEqualTo(movement.amount().signum() < 0 ? "Debit" : "Credit");
                assertThat(line.has("balance") || line.has("reconciled")).as("not in QuickBooks' API: " + line)
                        .isFalse();
                assertThat(line.path("clearedOnDate").asString()).isEqualTo(recordJson(connection,
                        "accountTransactions", line.path("id").asString()).path("date").asString());
            }
        }
        JsonNode cheque = QBO.records(ALICE_REALM, "BillPayment").get(0);
        assertThat(recordJson(connection, "bankTransactions", "billPayment-" + cheque.path("Id").asString())
                .path("description").asString()).as("the counterparty and the reference")
                .isEqualTo(cheque.path("VendorRef").path("name").asString() + " "
                        + cheque.path("DocNumber").asString());
    }

    /**
     * An invoice's (a bill's) payment allocations name exactly the payments whose lines pay it; with one, its amount is
     * what those lines paid, which is what the document no longer owes.
     */
    private void assertAllocations(String connection, String dataType, String entity, String paymentEntity) {
        Map<String, BigDecimal> paid = new java.util.HashMap<>();
        Map<String, java.util.Set<String>> payers = new java.util.HashMap<>();
        for (JsonNode payment : QBO.records(ALICE_REALM, paymentEntity)) {
            for (JsonNode line : payment.path("Line")) {
                for (JsonNode link : line.path("LinkedTxn")) {
                    if (link.path("TxnType").asString().equals(entity)) {
                        paid.merge(link.path("TxnId").asString(), line.path("Amount").decimalValue(), BigDecimal::add);
                        payers.computeIfAbsent(link.path("TxnId").asString(), k -> new java.util.TreeSet<>())
                                .add(payment.path("Id").asString());
                    }
                }
            }
        }
        int single = 0;
        int several = 0;
        for (JsonNode document : QBO.records(ALICE_REALM, entity)) {
            String id = document.path("Id").asString();
            JsonNode allocations = recordJson(connection, dataType, id).path("paymentAllocations");
            java.util.Set<String> named = new java.util.TreeSet<>();
            allocations.forEach(a -> named.add(a.path("payment").path("id").asString()));
            assertThat(named).as(entity + " " + id).isEqualTo(payers.getOrDefault(id, java.util.Set.of()));
            if (named.size() == 1) {
                single++;
                BigDecimal amount = allocations.get(0).path("allocation").path("totalAmount").decimalValue();
                assertThat(amount).as(entity + " " + id).isEqualByComparingTo(paid.get(id))
                        .isEqualByComparingTo(document.path("TotalAmt").decimalValue()
                                .subtract(document.path("Balance").decimalValue()));
            } else if (named.size() > 1) {
                several++;
                assertThat(allocations).allSatisfy(a -> assertThat(a.path("allocation").has("totalAmount"))
                        .as("the split is the payments' own").isFalse());
            }
        }
        assertThat(single).as(entity + "s paid by one payment").isPositive();
        assertThat(several).as(entity + "s paid by several").isPositive();
    }

    /** A deposit's lines that link no other transaction: money not counted before. */
    private static List<JsonNode> unlinkedLines(JsonNode deposit) {
        List<JsonNode> lines = new ArrayList<>();
        deposit.path("Line").forEach(line -> {
            if (line.path("LinkedTxn").isEmpty()) {
                lines.add(line);
            }
        });
        return lines;
    }

    private static BigDecimal sum(JsonNode items, String field) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode item : items) {
            sum = sum.add(item.path(field).decimalValue());
        }
        return sum;
    }

    /** The lender listens for {@code connection.disconnected} at {@code hooks}. */
    private void subscribeToDisconnections(HookReceiver hooks) {
        Api.Response consumer = api.post("/webhooks", "{\"url\":\"" + hooks.url()
                + "\",\"eventTypes\":[\"connection.disconnected\"]}");
        assertThat(consumer.status()).as(consumer.toString()).isEqualTo(201);
    }

    /** The lender was told that {@code connection} is Deauthorized. */
    private static void awaitDisconnected(HookReceiver hooks, String connection) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hooks.bodies())
                .anySatisfy(body -> assertThat(body).contains("connection.disconnected").contains(connection)
                        .contains("Deauthorized")));
    }

    /** Every live cached record of the connection validates against Codat's schema of its data type. */
    private void assertConformsToCodat(String connection) {
        List<Map<String, Object>> rows = jdbc.queryForList("select data_type, data::text as data from record"
                + " where connection_id = ? and not deleted and data_type not in ('profitAndLoss', 'balanceSheet',"
                + " 'cashFlowStatement')",
                UUID.fromString(connection));
        assertThat(rows).hasSizeGreaterThan(10);
        for (Map<String, Object> row : rows) {
            String dataType = (String) row.get("data_type");
            String schema = SCHEMAS.get(dataType);
            ObjectNode record = (ObjectNode) JSON.readTree((String) row.get("data"));
            // Codat's company info has no id or dates of its own; the cache needs an id for every record
            String[] extras = "company".equals(dataType) ? new String[] {"id", "modifiedDate", "sourceModifiedDate"}
                    : new String[0];
            if (IN_LENDING.contains(dataType)) {
                assertThat(CODAT.problems(record, schema, extras)).as(dataType + " " + record).isEmpty();
            }
            CODAT_ACCOUNTING.assertValid(record, schema, extras);
        }
    }

    /**
     * 24 months of statements, served as Codat's reports (valid against its schemas); a month's figures are Intuit's
     * own report for that month, and every balance sheet balances.
     */
    private void assertStatements(String company, String connection) {
        assertThat(count(connection, "profitAndLoss")).isEqualTo(24);
        assertThat(count(connection, "balanceSheet")).isEqualTo(24);
        assertThat(count(connection, "cashFlowStatement")).isEqualTo(24);
        String financials = "/companies/" + company + "/data/financials/";
        Api.Response profit = api.get(financials + "profitAndLoss?periodLength=1&periodsToCompare=12");
        assertThat(profit.status()).as(profit.toString()).isEqualTo(200);
        CODAT_ACCOUNTING.assertValid(profit.json(), "AccountingProfitAndLossReport");
        Api.Response sheets = api.get(financials + "balanceSheet?periodLength=1&periodsToCompare=12");
        assertThat(sheets.status()).as(sheets.toString()).isEqualTo(200);
        CODAT_ACCOUNTING.assertValid(sheets.json(), "AccountingBalanceSheet");
        for (JsonNode sheet : sheets.json().path("reports")) {
            assertThat(sheet.path("assets").path("value").decimalValue()).as(sheet.toString()).isEqualByComparingTo(
                    sheet.path("liabilities").path("value").decimalValue()
                            .add(sheet.path("equity").path("value").decimalValue()));
        }
        // the busiest month's net profit is what Intuit's report for that month says
        JsonNode month = null;
        for (JsonNode report : profit.json().path("reports")) {
            if (month == null || report.path("income").path("value").decimalValue()
                    .compareTo(month.path("income").path("value").decimalValue()) > 0) {
                month = report;
            }
        }
        assertThat(month.path("income").path("value").decimalValue()).isPositive();
        String token = credentials.accessToken(ClientId.of(tenant.clientId()), CompanyId.of(UUID.fromString(company)),
                ConnectionId.of(UUID.fromString(connection)));
        String from = month.path("fromDate").asString().substring(0, 10);
        String to = month.path("toDate").asString().substring(0, 10);
        HttpResponse<String> intuit = intuit(QBO.companyUrl(ALICE_REALM) + "/reports/ProfitAndLoss?start_date="
                + from + "&end_date=" + to + "&accounting_method=Accrual&minorversion=75", token);
        JsonNode net = null;
        for (JsonNode row : JSON.readTree(intuit.body()).path("Rows").path("Row")) {
            if ("NetIncome".equals(row.path("group").asString(""))) {
                net = row.path("Summary").path("ColData").path(1).path("value");
            }
        }
        assertThat(net).as(intuit.body()).isNotNull();
        assertThat(month.path("netProfit").decimalValue()).isEqualByComparingTo(new BigDecimal(net.asString()));
        assertMonthsAreTheirOwnReports(connection, token);
        assertCashFlow(financials, token);
    }

    /**
     * The cash flow statement is Codat's (valid against its schema), and a quarter's cash receipts and payments are
     * the income and the costs of Intuit's profit and loss for that quarter on the cash basis.
     */
    private void assertCashFlow(String financials, String token) {
        Api.Response flows = api.get(financials + "cashFlowStatement?periodLength=3&periodsToCompare=4");
        assertThat(flows.status()).as(flows.toString()).isEqualTo(200);
        CODAT_ACCOUNTING.assertValid(flows.json(), "AccountingCashFlowStatement");
        assertThat(flows.json().path("reportBasis").asString()).isEqualTo("Cash");
        assertThat(flows.json().path("reportInput").asString()).isEqualTo("Direct");
        BigDecimal receiptsInAYear = BigDecimal.ZERO;
        for (JsonNode quarter : flows.json().path("reports")) {
            String from = quarter.path("fromDate").asString().substring(0, 10);
            String to = quarter.path("toDate").asString().substring(0, 10);
            JsonNode cash = JSON.readTree(intuit(QBO.companyUrl(ALICE_REALM) + "/reports/ProfitAndLoss?start_date="
                    + from + "&end_date=" + to + "&accounting_method=Cash&minorversion=75", token).body());
            assertThat(cash.path("Header").path("ReportBasis").asString()).isEqualTo("Cash");
            BigDecimal income = summary(cash, "Income").add(summary(cash, "OtherIncome"));
            BigDecimal costs = summary(cash, "COGS").add(summary(cash, "Expenses")).add(summary(cash, "OtherExpenses"));
            assertThat(quarter.path("cashReceipts").path("value").decimalValue()).as(from)
                    .isEqualByComparingTo(income);
            assertThat(quarter.path("cashPayments").path("value").decimalValue()).as(from)
                    .isEqualByComparingTo(costs);
            receiptsInAYear = receiptsInAYear.add(income);
        }
        assertThat(receiptsInAYear).as("a year of Alice's books has paid invoices").isPositive();
    }

    /** The Summary figure of the report's section of {@code group}, zero where Intuit leaves the section out. */
    private static BigDecimal summary(JsonNode report, String group) {
        for (JsonNode row : report.path("Rows").path("Row")) {
            if (group.equals(row.path("group").asString(""))) {
                String value = row.path("Summary").path("ColData").path(1).path("value").asString("");
                return value.isEmpty() ? BigDecimal.ZERO : new BigDecimal(value);
            }
        }
        return BigDecimal.ZERO;
    }

    /**
     * The statements are read several months a call (summarize_column_by=Month) and split: every cached month is
     * exactly what that month's own report (one call per month, one Total column) maps to, but for the report's time.
     */
    private void assertMonthsAreTheirOwnReports(String connection, String token) {
        QboStatements statements = new QboStatements(new QboRecords(JSON));
        List<String> months = jdbc.queryForList("select substr(record_id, 4) from record where connection_id = ?"
                + " and data_type = 'profitAndLoss' order by record_id", String.class, UUID.fromString(connection));
        assertThat(months).hasSize(24);
        for (String m : months) {
            YearMonth month = YearMonth.parse(m);
            String range = "start_date=" + month.atDay(1) + "&end_date=" + month.atEndOfMonth()
                    + "&accounting_method=Accrual&minorversion=75";
            JsonNode pnl = JSON.readTree(intuit(QBO.companyUrl(ALICE_REALM) + "/reports/ProfitAndLoss?" + range, token)
                    .body());
            JsonNode bs = JSON.readTree(intuit(QBO.companyUrl(ALICE_REALM) + "/reports/BalanceSheet?" + range, token)
                    .body());
            assertThat(figures(recordJson(connection, "profitAndLoss", "pl-" + m))).as("profit and loss " + m)
                    .isEqualTo(figures(JSON.readTree(statements.profitAndLoss(month, pnl).json())));
            assertThat(figures(recordJson(connection, "balanceSheet", "bs-" + m))).as("balance sheet " + m)
                    .isEqualTo(figures(JSON.readTree(statements.balanceSheet(month, bs).json())));
            JsonNode cash = JSON.readTree(intuit(QBO.companyUrl(ALICE_REALM) + "/reports/ProfitAndLoss?"
                    + range.replace("Accrual", "Cash"), token).body());
            assertThat(figures(recordJson(connection, "cashFlowStatement", "cf-" + m))).as("cash flow " + m)
                    .isEqualTo(figures(JSON.readTree(statements.cashFlowStatement(month, cash).json())));
        }
    }

    /** A statement without its dates of change, which are the report's time. */
    private static JsonNode figures(JsonNode statement) {
        ObjectNode copy = (ObjectNode) JSON.readTree(statement.toString());
        copy.remove(List.of("modifiedDate", "sourceModifiedDate"));
        return copy;
    }

    /** A call to the emulated Intuit API as the connection, outside Bridgekeeper. */
    private static HttpResponse<String> intuit(String url, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
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
