// Contract test of the cached-data read API. A company links Sandbox Accounting, Banking and Commerce as a
// customer would and is synced; then
// - accounting: Codat's own accounting client (@codat/accounting 0.37.0) calls every list, get and report
//   operation against our server, and each answer is checked strictly against that client's models
//   (support/accounting-models.mjs: no unknown field, required fields present, types and enum values);
// - banking and commerce: each answer is validated with ajv against the schemas of Codat's Banking and
//   Commerce OpenAPI documents, and each record uses only fields its schema names.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { CodatAccounting } from "@codat/accounting";
import { RFCDate } from "@codat/accounting/dist/sdk/types/index.js";

import { problems } from "../support/accounting-models.mjs";
import { OasSchemas } from "../support/oas-schemas.mjs";
import { linkThroughSandbox } from "../support/sandbox-link.mjs";
import { startServer } from "../support/server.mjs";

const SYNC_LIMIT_MS = 120_000;
/** Fields Bridgekeeper keeps on every record, also where a model of Codat's leaves them out. */
const RECORD_DATES = ["modifiedDate", "sourceModifiedDate"];
const STANDARD = ["company", "chartOfAccounts", "customers", "suppliers", "invoices", "bills", "payments",
  "billPayments", "creditNotes", "journalEntries", "balanceSheet", "profitAndLoss", "bankAccounts",
  "billCreditNotes", "purchaseOrders", "directCosts", "directIncomes", "transfers", "bankTransactions",
  "accountTransactions", "taxRates", "trackingCategories", "items", "journals", "paymentMethods", "cashFlowStatement",
  "banking-accounts", "banking-transactions", "banking-accountBalances", "banking-transactionCategories",
  "commerce-companyInfo", "commerce-customers", "commerce-orders", "commerce-products", "commerce-payments",
  "commerce-transactions"];

let server;
let authHeader;
let companyId;
const connections = {};

async function api(method, path, body) {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { Authorization: authHeader, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function ok(path) {
  const answer = await api("GET", path);
  assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The body the accounting client received (it keeps it as bytes). */
function received(response) {
  return JSON.parse(new TextDecoder().decode(response.rawResponse.data));
}

function assertConforms(value, model, options) {
  const found = problems(value, model, options);
  assert.deepEqual(found, [], `${model}: ${found.slice(0, 10).join("\n")}`);
}

before(async () => {
  server = await startServer({ name: "data-server" });
  authHeader = `Basic ${Buffer.from(server.apiKey, "utf8").toString("base64")}`;
  companyId = (await api("POST", "/companies", { name: "Data contract Ltd" })).body.id;
  for (const platformKey of ["sbac", "sbbk", "sbcm"]) {
    const connection = (await api("POST", `/companies/${companyId}/connections`, { platformKey })).body;
    connections[platformKey] = connection.id;
    await linkThroughSandbox(server.baseUrl, connection.linkUrl, "user_good");
  }
  const deadline = Date.now() + SYNC_LIMIT_MS;
  for (;;) {
    const status = (await api("GET", `/companies/${companyId}/dataStatus`)).body;
    const pending = STANDARD.filter((type) => status[type]?.currentStatus !== "Complete");
    if (pending.length === 0) {
      break;
    }
    assert.ok(Date.now() < deadline, `still not Complete after ${SYNC_LIMIT_MS} ms: ${pending.join(", ")}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
}, { timeout: 240_000 });

after(async () => {
  await server?.stop();
}, { timeout: 60_000 });

describe("accounting, through Codat's @codat/accounting client", () => {
  let accounting;

  before(() => {
    accounting = new CodatAccounting({ security: { authHeader }, serverURL: server.baseUrl });
  });

  // resource of the client, list response field, its model, get request id field, get response field, model
  const resources = [
    ["accounts", "accounts", "Accounts", "accountId", "account", "Account"],
    ["customers", "customers", "Customers", "customerId", "customer", "Customer"],
    ["suppliers", "suppliers", "Suppliers", "supplierId", "supplier", "Supplier"],
    ["invoices", "invoices", "Invoices", "invoiceId", "invoice", "Invoice"],
    ["bills", "bills", "Bills", "billId", "bill", "Bill"],
    ["payments", "payments", "Payments", "paymentId", "payment", "Payment"],
    ["billPayments", "billPayments", "BillPayments", "billPaymentId", "billPayment", "BillPayment"],
    ["creditNotes", "creditNotes", "CreditNotes", "creditNoteId", "creditNote", "CreditNote"],
    ["journalEntries", "journalEntries", "JournalEntries", "journalEntryId", "journalEntry", "JournalEntry"],
    ["billCreditNotes", "billCreditNotes", "BillCreditNotes", "billCreditNoteId", "billCreditNote",
      "BillCreditNote"],
    ["purchaseOrders", "purchaseOrders", "PurchaseOrders", "purchaseOrderId", "purchaseOrder", "PurchaseOrder"],
    ["taxRates", "taxRates", "TaxRates", "taxRateId", "taxRate", "TaxRate"],
    ["trackingCategories", "trackingCategories", "TrackingCategories", "trackingCategoryId", "trackingCategoryTree",
      "TrackingCategoryTree"],
    ["items", "items", "Items1", "itemId", "item", "Item"],
    ["journals", "journals", "Journals", "journalId", "journal", "Journal"],
    ["paymentMethods", "paymentMethods", "PaymentMethods", "paymentMethodId", "paymentMethod", "PaymentMethod"],
  ];

  for (const [resource, listField, listModel, idField, getField, model] of resources) {
    it(`${resource}.list and .get answer in the shape of ${listModel} and ${model}`, async () => {
      const listed = await accounting[resource].list({ companyId, page: 1, pageSize: 2000 });
      assert.equal(listed.statusCode, 200, listed.rawResponse && new TextDecoder().decode(listed.rawResponse.data));
      assert.ok(listed[listField], `the client mapped the page onto ${listModel}`);
      const page = received(listed);
      assert.ok(page.results.length > 0, `${resource} has records`);
      assert.equal(page.totalResults, page.results.length);
      assertConforms(page, listModel);
      page.results.forEach((record) => assertConforms(record, model));

      const queried = await accounting[resource].list({ companyId, pageSize: 3, orderBy: "-id",
        query: `id!=${page.results[0].id}` });
      assert.equal(queried.statusCode, 200);
      assert.equal(received(queried).results.length, Math.min(3, page.results.length - 1));

      const one = page.results[page.results.length - 1];
      const got = await accounting[resource].get({ companyId, [idField]: one.id });
      assert.equal(got.statusCode, 200);
      assert.ok(got[getField], `the client mapped the record onto ${model}`);
      assert.deepEqual(received(got), one);

      const missing = await accounting[resource].get({ companyId, [idField]: "no-such-record" });
      assert.equal(missing.statusCode, 404);
      assert.equal(missing.errorMessage?.statusCode, 404, "the client read our ErrorMessage");
    });
  }

  it("bankAccounts.list and .get (per connection) answer in the shape of BankAccounts and BankAccount", async () => {
    const connectionId = connections.sbac;
    const listed = await accounting.bankAccounts.list({ companyId, connectionId });
    assert.equal(listed.statusCode, 200);
    assertConforms(received(listed), "BankAccounts");
    const first = received(listed).results[0];
    const got = await accounting.bankAccounts.get({ companyId, connectionId, accountId: first.id });
    assert.equal(got.statusCode, 200);
    assert.deepEqual(received(got), first);
  });

  // the accounting data Codat reads per connection: resource, list field, page model, id field, get field, model
  const perConnection = [
    ["directCosts", "directCosts", "DirectCosts", "directCostId", "directCost", "DirectCost"],
    ["directIncomes", "directIncomes", "DirectIncomes", "directIncomeId", "directIncome", "DirectIncome"],
    ["transfers", "transfers", "Transfers", "transferId", "transfer", "Transfer"],
    ["accountTransactions", "accountTransactions", "AccountTransactions", "accountTransactionId",
      "accountTransaction", "AccountTransaction"],
  ];

  for (const [resource, listField, listModel, idField, getField, model] of perConnection) {
    it(`${resource}.list and .get (per connection) answer in the shape of ${listModel} and ${model}`, async () => {
      const connectionId = connections.sbac;
      const listed = await accounting[resource].list({ companyId, connectionId, page: 1, pageSize: 2000 });
      assert.equal(listed.statusCode, 200, listed.rawResponse && new TextDecoder().decode(listed.rawResponse.data));
      assert.ok(listed[listField], `the client mapped the page onto ${listModel}`);
      const page = received(listed);
      assert.ok(page.results.length > 0, `${resource} has records`);
      assertConforms(page, listModel);
      const one = page.results[Math.floor(page.results.length / 2)];
      const got = await accounting[resource].get({ companyId, connectionId, [idField]: one.id });
      assert.equal(got.statusCode, 200);
      assert.ok(got[getField], `the client mapped the record onto ${model}`);
      assert.deepEqual(received(got), one);
      const missing = await accounting[resource].get({ companyId, connectionId, [idField]: "no-such-record" });
      assert.equal(missing.statusCode, 404);
    });
  }

  it("bankAccountTransactions.list answers each bank account's statement lines as BankTransactions", async () => {
    const connectionId = connections.sbac;
    const accounts = received(await accounting.bankAccounts.list({ companyId, connectionId })).results;
    let lines = 0;
    for (const account of accounts) {
      const listed = await accounting.bankAccountTransactions.list({ companyId, connectionId, accountId: account.id,
        pageSize: 2000 });
      assert.equal(listed.statusCode, 200);
      assert.ok(listed.bankTransactions, "the client mapped the page onto BankTransactions");
      const page = received(listed);
      assertConforms(page, "BankTransactions");
      assert.ok(page.results.every((line) => line.accountId === account.id));
      const last = page.results.reduce((a, b) => (a.clearedOnDate <= b.clearedOnDate ? b : a), page.results[0]);
      assert.ok(Math.abs(last.balance - account.balance) < 0.005, `${account.id} ends on its balance`);
      lines += page.results.length;
    }
    const all = await ok(`/companies/${companyId}/connections/${connectionId}/data/accountTransactions?pageSize=1`);
    assert.equal(lines, all.totalResults, "one account transaction per statement line");
  });

  it("reports.getAgedDebtorsReport and getAgedCreditorsReport answer in the shape of Codat's aged reports",
    async () => {
      const debtorsAvailable = await accounting.reports.isAgedDebtorReportAvailable({ companyId });
      assert.equal(debtorsAvailable.statusCode, 200);
      assert.equal(received(debtorsAvailable), true);
      const creditorsAvailable = await accounting.reports.isAgedCreditorsReportAvailable({ companyId });
      assert.equal(received(creditorsAvailable), true);
      for (const [method, field, model, party] of [
        ["getAgedDebtorsReport", "agedDebtorReport", "AgedDebtorReport", "customerId"],
        ["getAgedCreditorsReport", "agedCreditorReport", "AgedCreditorReport", "supplierId"]]) {
        const report = await accounting.reports[method]({ companyId, reportDate: new RFCDate("2025-12-31"), numberOfPeriods: 3,
          periodLengthDays: 60 });
        assert.equal(report.statusCode, 200, report.rawResponse && new TextDecoder().decode(report.rawResponse.data));
        assert.ok(report[field], `the client mapped the report onto ${model}`);
        const body = received(report);
        assertConforms(body, model);
        assert.ok(body.data.length > 0 && body.data.every((row) => row[party]));
        for (const row of body.data) {
          for (const currency of row.agedCurrencyOutstanding) {
            assert.equal(currency.agedOutstandingAmounts.length, 3);
            assert.equal(currency.agedOutstandingAmounts[2].fromDate, "0001-01-01T00:00:00");
          }
        }
      }
    });

  it("companyInfo.get answers in the shape of CompanyDataset", async () => {
    const info = await accounting.companyInfo.get({ companyId });
    assert.equal(info.statusCode, 200);
    assert.ok(info.companyDataset);
    assertConforms(received(info), "CompanyDataset", { extras: RECORD_DATES });
    assert.equal(received(info).baseCurrency, "GBP");
  });

  it("reports: balance sheet, profit and loss and cash flow answer in the shape of Codat's reports", async () => {
    const sheet = await accounting.reports.getBalanceSheet({ companyId, periodLength: 3, periodsToCompare: 4,
      startMonth: "2025-01-01" });
    assert.equal(sheet.statusCode, 200, sheet.rawResponse && new TextDecoder().decode(sheet.rawResponse.data));
    assertConforms(received(sheet), "BalanceSheet1");
    const sheets = received(sheet).reports;
    assert.deepEqual(sheets.map((r) => r.date), ["2025-12-31T00:00:00", "2025-09-30T00:00:00",
      "2025-06-30T00:00:00", "2025-03-31T00:00:00"]);
    for (const report of sheets) {
      assert.ok(Math.abs(report.assets.value - report.liabilities.value - report.equity.value) < 0.005,
        `assets = liabilities + equity on ${report.date}`);
    }

    const profit = await accounting.reports.getProfitAndLoss({ companyId, periodLength: 1, periodsToCompare: 12 });
    assert.equal(profit.statusCode, 200);
    assertConforms(received(profit), "ProfitAndLossReport1");
    assert.equal(received(profit).reports.length, 12);
    const year = await accounting.reports.getProfitAndLoss({ companyId, periodLength: 12, periodsToCompare: 1 });
    const summed = received(profit).reports.reduce((sum, r) => sum + r.netProfit, 0);
    assert.ok(Math.abs(received(year).reports[0].netProfit - summed) < 0.005, "the year is its months");

    const flows = await accounting.reports.getCashFlowStatement({ companyId, periodLength: 3, periodsToCompare: 4,
      startMonth: "2025-01-01" });
    assert.equal(flows.statusCode, 200, flows.rawResponse && new TextDecoder().decode(flows.rawResponse.data));
    assertConforms(received(flows), "CashFlowStatement1");
    assert.equal(received(flows).reportBasis, "Cash");
    assert.equal(received(flows).reportInput, "Direct");
    assert.deepEqual(received(flows).reports.map((r) => r.fromDate), ["2025-10-01T00:00:00", "2025-07-01T00:00:00",
      "2025-04-01T00:00:00", "2025-01-01T00:00:00"]);
    // a quarter's net cash flow is the movement of cash at bank between the quarter-end balance sheets
    const cash = (report) => report.assets.items.find((i) => i.accountId === "acc-0").value;
    for (let q = 0; q < 3; q++) {
      const net = received(flows).reports[q].cashReceipts.value - received(flows).reports[q].cashPayments.value;
      assert.ok(Math.abs(net - (cash(sheets[q]) - cash(sheets[q + 1]))) < 0.005, `cash moved in quarter ${q}`);
    }

    const invalid = await accounting.reports.getProfitAndLoss({ companyId, periodLength: 13, periodsToCompare: 1 });
    assert.equal(invalid.statusCode, 400);
    // this client version maps only some statuses onto ErrorMessage; the body is Codat's either way
    assert.equal(received(invalid).validation.errors[0].itemId, "periodLength");
  });
});

describe("banking and commerce, against Codat's OpenAPI schemas", () => {
  const banking = new OasSchemas("Codat-Banking.json");
  const commerce = new OasSchemas("Codat-Commerce.json");

  // data type, the document, schema of a page, schema of a record, whether Codat has a get by id
  const lists = [
    ["banking-accounts", banking, "Accounts", "Account", true],
    ["banking-transactions", banking, "Transactions", "Transaction", true],
    ["banking-accountBalances", banking, "AccountBalances", "AccountBalance", false],
    ["banking-transactionCategories", banking, "TransactionCategories", "TransactionCategory", true],
    ["commerce-customers", commerce, "Customers", "Customer", true],
    ["commerce-orders", commerce, "Orders", "Order", true],
    ["commerce-products", commerce, "Products", "Product", true],
    ["commerce-payments", commerce, "Payments", "Payment", true],
    ["commerce-transactions", commerce, "Transactions", "Transaction", true],
  ];

  for (const [dataType, document, pageSchema, recordSchema, hasGet] of lists) {
    it(`${dataType} answers as ${pageSchema} of ${recordSchema}`, async () => {
      const connection = connections[dataType.startsWith("banking") ? "sbbk" : "sbcm"];
      const path = `/companies/${companyId}/connections/${connection}/data/${dataType}`;
      const page = await ok(`${path}?pageSize=2000`);
      assert.ok(page.results.length > 0);
      assert.deepEqual(document.errors(page, pageSchema), []);
      for (const record of page.results) {
        // account balances carry Bridgekeeper's record id, which Codat's AccountBalance has no field for
        const extra = document.unknownFields(record, recordSchema)
          .filter((f) => !(RECORD_DATES.includes(f) || (dataType === "banking-accountBalances" && f === "id")));
        assert.deepEqual(extra, [], `${record.id}: fields outside ${recordSchema}`);
      }
      if (hasGet) {
        const one = page.results[0];
        const got = await ok(`${path}/${encodeURIComponent(one.id)}`);
        assert.deepEqual(got, one);
        assert.deepEqual(document.errors(got, recordSchema), []);
        const missing = await api("GET", `${path}/no-such-record`);
        assert.equal(missing.status, 404);
        assert.deepEqual(document.errors(missing.body, "ErrorMessage"), []);
      }
    });
  }

  it("commerce-info answers as CompanyInfo", async () => {
    const info = await ok(`/companies/${companyId}/connections/${connections.sbcm}/data/commerce-info`);
    assert.deepEqual(commerce.errors(info, "CompanyInfo"), []);
    assert.deepEqual(commerce.unknownFields(info, "CompanyInfo"), []);
    assert.equal(info.baseCurrency, "GBP");
  });
});
