package dev.bridgekeeper.sandbox.internal;

import static dev.bridgekeeper.sandbox.internal.SandboxDraws.companyName;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.toGbp;

import dev.bridgekeeper.sandbox.internal.AccountingDocuments.Document;
import dev.bridgekeeper.sandbox.internal.AccountingDocuments.Journal;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sandbox Accounting's bank accounts line by line: every movement of money the books post (payments received,
 * bill payments, journals paid from the bank, direct costs and incomes, and monthly transfers from the current
 * account to the reserve accounts), per account in date order with running balances. The current account
 * (bank account 0) is in GBP; reserve account k is in {@code CURRENCIES[k % 3]} and opens with a fixed reserve.
 *
 * <p>Transfers are whole amounts whose GBP value is exact to the penny, so converting a reserve's closing balance
 * gives its opening value plus what was sent to it: the current account's closing balance is then the ledger's
 * cash at bank less the reserves' value, and the bank accounts together hold exactly the balance sheet's cash.
 */
final class AccountingCashbook {

    static final String[] CURRENCIES = {"GBP", "EUR", "USD"};
    /** Lines after this date are not reconciled yet. */
    static final LocalDate RECONCILED_UNTIL = LocalDate.of(2025, 12, 15);

    /** A transfer from the current account to reserve account {@code to}: {@code amount} in its currency. */
    record Transfer(int index, int to, LocalDate date, String currency, BigDecimal amount, BigDecimal gbp) {}

    /**
     * One statement line: {@code amount} in the account's currency (money in positive), the balance after it, and
     * the record that moved the money.
     */
    record Line(int account, LocalDate date, BigDecimal amount, BigDecimal balance, String description,
            String type, String dataType, String recordId) {}

    private final int accounts;
    private final List<Transfer> transfers = new ArrayList<>();
    private final List<Line> lines = new ArrayList<>();
    private final BigDecimal[] closing;

    private AccountingCashbook(int accounts) {
        this.accounts = accounts;
        this.closing = new BigDecimal[accounts];
    }

    static AccountingCashbook post(AccountingDocuments documents, AccountingLedger ledger, SandboxDraws draws,
            int bankAccounts) {
        AccountingCashbook book = new AccountingCashbook(Math.max(1, bankAccounts));
        book.transfers(draws);
        List<Line> moves = new ArrayList<>();
        int paidInvoices = AccountingDocuments.paidCount(documents.volume().invoices());
        for (int k = 0; k < paidInvoices; k++) {
            Document d = documents.invoice(AccountingDocuments.paidDocument(k));
            moves.add(move(0, d.paidOn(), d.gbpPaid(), "Receipt from " + companyName(d.party()) + " for INV-"
                    + (10_001 + d.index()), "Credit", "payments", "pay-" + k));
        }
        int paidBills = AccountingDocuments.paidCount(documents.volume().bills());
        for (int k = 0; k < paidBills; k++) {
            Document d = documents.bill(AccountingDocuments.paidDocument(k));
            moves.add(move(0, d.paidOn(), d.gbpPaid().negate(), "Payment to "
                    + AccountingRecords.supplierName(d.party()) + " for BILL-" + (20_001 + d.index()), "Payment",
                    "billPayments", "bpay-" + k));
        }
        for (int j = 0; j < documents.volume().journalEntries(); j++) {
            Journal journal = documents.journal(j);
            moves.add(move(0, journal.date(), journal.total().negate(),
                    AccountingDocuments.JOURNAL_KINDS[journal.kind()], journal.kind() == 3 ? "Fee" : "Payment",
                    "journalEntries", "je-" + j));
        }
        for (int i = 0; i < documents.directCosts(); i++) {
            Document d = documents.directCost(i);
            moves.add(move(0, d.date(), d.gbpTotal().negate(), "Card payment to "
                    + AccountingRecords.supplierName(d.party()), "Pos", "directCosts", "dc-" + i));
        }
        for (int i = 0; i < documents.directIncomes(); i++) {
            Document d = documents.directIncome(i);
            moves.add(move(0, d.date(), d.gbpTotal(), "Cash sale to " + companyName(d.party()), "Dep",
                    "directIncomes", "di-" + i));
        }
        for (Transfer t : book.transfers) {
            String what = "Transfer to " + accountName(t.to());
            moves.add(move(0, t.date(), t.gbp().negate(), what, "Xfer", "transfers", "tr-" + t.index()));
            moves.add(move(t.to(), t.date(), t.amount(), what, "Xfer", "transfers", "tr-" + t.index()));
        }
        BigDecimal[] balance = new BigDecimal[book.accounts];
        balance[0] = ledger.openingCash();
        for (int k = 1; k < book.accounts; k++) {
            balance[k] = reserve(draws, k);
            balance[0] = balance[0].subtract(toGbp(balance[k], currency(k)));
        }
        // a stable sort: lines of one day keep the order they were posted in
        moves.sort(Comparator.comparingInt(Line::account).thenComparing(Line::date));
        for (Line m : moves) {
            balance[m.account()] = balance[m.account()].add(m.amount());
            book.lines.add(new Line(m.account(), m.date(), m.amount(), balance[m.account()], m.description(),
                    m.type(), m.dataType(), m.recordId()));
        }
        System.arraycopy(balance, 0, book.closing, 0, book.accounts);
        return book;
    }

    /** One transfer a month from the current account to the reserve accounts in turn (none with one account). */
    private void transfers(SandboxDraws draws) {
        if (accounts < 2) {
            return;
        }
        for (int t = 0; t < 12; t++) {
            SplittableRandom random = draws.random("transfers", t);
            int to = 1 + t % (accounts - 1);
            String currency = currency(to);
            // whole euros in twenties and whole dollars or pounds convert to GBP without rounding
            BigDecimal amount = switch (currency) {
                case "EUR" -> BigDecimal.valueOf(20L * (5 + random.nextInt(25)));
                case "USD" -> BigDecimal.valueOf(100 + random.nextInt(700));
                default -> BigDecimal.valueOf(100 + random.nextInt(500));
            };
            amount = amount.setScale(2);
            transfers.add(new Transfer(t, to, LocalDate.of(2025, t + 1, 28), currency, amount,
                    toGbp(amount, currency)));
        }
    }

    private static Line move(int account, LocalDate date, BigDecimal amount, String description, String type,
            String dataType, String recordId) {
        return new Line(account, date, amount, null, description, type, dataType, recordId);
    }

    static String currency(int account) {
        return CURRENCIES[account % CURRENCIES.length];
    }

    static String accountName(int account) {
        return account == 0 ? "Business Current Account" : currency(account) + " Reserve Account " + account;
    }

    /** What reserve account {@code index} holds when the books open, in its own currency. */
    static BigDecimal reserve(SandboxDraws draws, int index) {
        return SandboxDraws.money(draws.random("bankAccounts#reserve", index), 8_000);
    }

    List<Line> lines() {
        return lines;
    }

    List<Transfer> transfers() {
        return transfers;
    }

    /** The account's balance after its last line, in its own currency. */
    BigDecimal closing(int account) {
        return closing[account];
    }
}
