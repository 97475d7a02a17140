// Every data type in the words a customer reads ("chart of accounts", not chartOfAccounts), for both components.
// The server's DataTypeNames (src/main/java/dev/bridgekeeper/platform/DataTypeNames.java) holds the same words for
// the consent texts it renders; DataTypeNamesTest compares the two lists entry by entry.

export const PLAIN_DATA_TYPES: Readonly<Record<string, string>> = {
  accountTransactions: "account transactions",
  balanceSheet: "balance sheet",
  bankAccounts: "bank accounts",
  bankTransactions: "bank transactions",
  billCreditNotes: "credit notes from suppliers",
  billPayments: "bill payments",
  bills: "bills",
  cashFlowStatement: "cash flow statement",
  chartOfAccounts: "chart of accounts",
  company: "company information",
  creditNotes: "credit notes",
  customers: "customers",
  directCosts: "direct costs",
  directIncomes: "direct income",
  invoices: "invoices",
  items: "products and services",
  journalEntries: "journal entries",
  journals: "journals",
  paymentMethods: "payment methods",
  payments: "payments",
  profitAndLoss: "profit and loss",
  purchaseOrders: "purchase orders",
  salesOrders: "sales orders",
  suppliers: "suppliers",
  taxRates: "tax rates",
  trackingCategories: "tracking categories",
  transfers: "transfers",
  "banking-accountBalances": "account balances",
  "banking-accounts": "bank accounts",
  "banking-transactionCategories": "transaction categories",
  "banking-transactions": "bank transactions",
  "commerce-companyInfo": "store details",
  "commerce-customers": "customers",
  "commerce-disputes": "disputes",
  "commerce-locations": "locations",
  "commerce-orders": "orders",
  "commerce-paymentMethods": "payment methods",
  "commerce-payments": "payments",
  "commerce-productCategories": "product categories",
  "commerce-products": "products",
  "commerce-taxComponents": "tax components",
  "commerce-transactions": "transactions",
};

/** A data type key in plain words: "bankAccounts" -> "bank accounts"; an unknown key split the same way. */
export function plainDataType(key: string): string {
  const aliases: Record<string, string> = { info: "company", banking_accounts: "banking-accounts",
    banking_transactions: "banking-transactions" };
  const known = PLAIN_DATA_TYPES[aliases[key] ?? key];
  if (known) {
    return known;
  }
  return key.replace(/^[a-z]+-/, "").replace(/_/g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** Words joined as a sentence reads them: "a", "a and b", "a, b and c". */
export function listText(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
