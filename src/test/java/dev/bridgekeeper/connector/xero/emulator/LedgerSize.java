package dev.bridgekeeper.connector.xero.emulator;

/**
 * How many records each generated organisation holds (documented examples from the OpenAPI file come on top
 * unless switched off). Invoices are split about 60/40 between sales invoices (ACCREC) and bills (ACCPAY).
 */
public record LedgerSize(int contacts, int invoices, int creditNotes, int bankTransactions, int bankTransfers,
        int manualJournals, int purchaseOrders, int items) {

    /** Enough for every paging edge in unit tests while generating in milliseconds. */
    public static LedgerSize small() {
        return new LedgerSize(40, 230, 12, 150, 6, 4, 5, 8);
    }

    /** A handful of each, for tests about limits and faults rather than data. */
    public static LedgerSize tiny() {
        return new LedgerSize(4, 8, 2, 8, 2, 2, 2, 2);
    }

    /** The benchmark volume: 1,000 contacts, 5,000 invoices and bills, 20,000 bank transactions. */
    public static LedgerSize benchmark() {
        return new LedgerSize(1_000, 5_000, 250, 20_000, 200, 100, 100, 60);
    }

    public LedgerSize withInvoices(int count) {
        return new LedgerSize(contacts, count, creditNotes, bankTransactions, bankTransfers, manualJournals,
                purchaseOrders, items);
    }

    public LedgerSize withBankTransactions(int count) {
        return new LedgerSize(contacts, invoices, creditNotes, count, bankTransfers, manualJournals,
                purchaseOrders, items);
    }

    public LedgerSize withContacts(int count) {
        return new LedgerSize(count, invoices, creditNotes, bankTransactions, bankTransfers, manualJournals,
                purchaseOrders, items);
    }
}
