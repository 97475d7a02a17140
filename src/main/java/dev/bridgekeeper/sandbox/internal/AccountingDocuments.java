package dev.bridgekeeper.sandbox.internal;

import static dev.bridgekeeper.sandbox.internal.SandboxDraws.CURRENCIES;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.money;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.spread;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.toGbp;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.vat;

import dev.bridgekeeper.sandbox.internal.SandboxDataProperties.Volume;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * The figures of Sandbox Accounting's documents (invoices, bills, credit notes and bill credit notes, payments,
 * journal entries, direct costs and incomes, purchase orders), apart
 * from their wording: both the records and the ledger behind the financial reports are built from these, so the
 * reports agree with the documents. Amounts in GBP are converted per document at fixed rates; a document's GBP
 * total is its GBP net plus its GBP tax, so the balance sheet balances to the penny.
 */
final class AccountingDocuments {

    static final LocalDate YEAR_START = LocalDate.of(2025, 1, 1);

    /** An invoice, bill or credit note: who, when, in which currency, how much, and how much has been paid. */
    record Document(int index, int party, LocalDate date, String currency, BigDecimal subTotal, BigDecimal tax,
            BigDecimal total, BigDecimal paid) {

        BigDecimal due() {
            return total.subtract(paid);
        }

        BigDecimal rate() {
            return SandboxDraws.rateToGbp(currency);
        }

        BigDecimal gbpSubTotal() {
            return toGbp(subTotal, currency);
        }

        BigDecimal gbpTax() {
            return toGbp(tax, currency);
        }

        BigDecimal gbpTotal() {
            return gbpSubTotal().add(gbpTax());
        }

        BigDecimal gbpPaid() {
            return toGbp(paid, currency);
        }

        /** Paid in full (index % 4 == 0), half paid (1), or not paid yet. */
        String state() {
            return index % 4 == 0 ? "Paid" : index % 4 == 1 ? "PartiallyPaid" : "Open";
        }

        /** When the payment (if any) was made: two weeks after the paid ones, three after the half-paid ones. */
        LocalDate paidOn() {
            return date.plusDays(index % 4 == 0 ? 14 : 21);
        }
    }

    /** A journal entry: one kind of expense paid from the bank, in GBP. */
    record Journal(int index, int kind, LocalDate date, BigDecimal amount, BigDecimal extra) {

        BigDecimal total() {
            return amount.add(extra);
        }
    }

    static final String[] JOURNAL_KINDS = {"Monthly payroll", "Office rent", "Software subscriptions",
            "Bank charges"};

    private final SandboxDraws draws;
    private final Volume volume;

    AccountingDocuments(SandboxDraws draws, Volume volume) {
        this.draws = draws;
        this.volume = volume;
    }

    Volume volume() {
        return volume;
    }

    int customers() {
        return Math.max(1, volume.customers());
    }

    int suppliers() {
        return Math.max(1, volume.suppliers());
    }

    static String currencyOf(int party) {
        return CURRENCIES[party % CURRENCIES.length];
    }

    Document invoice(int index) {
        SplittableRandom random = draws.random("invoices", index);
        int customer = index % customers();
        return document(index, customer, spread(YEAR_START, index, volume.invoices(), 365), money(random, 5_000),
                true);
    }

    Document bill(int index) {
        SplittableRandom random = draws.random("bills", index);
        int supplier = index % suppliers();
        return document(index, supplier, spread(YEAR_START.plusDays(2), index, volume.bills(), 360),
                money(random, 3_000), true);
    }

    Document creditNote(int index) {
        SplittableRandom random = draws.random("creditNotes", index);
        int customer = (index * 7 + 3) % customers();
        return document(index, customer, spread(YEAR_START.plusDays(9), index, volume.creditNotes(), 350),
                money(random, 600), false);
    }

    /** A supplier's credit note: money off what the company owes, not refunded. */
    Document billCreditNote(int index) {
        SplittableRandom random = draws.random("billCreditNotes", index);
        int supplier = (index * 5 + 1) % suppliers();
        return document(index, supplier, spread(YEAR_START.plusDays(12), index, billCreditNotes(), 340),
                money(random, 400), false);
    }

    /** Money spent straight from the current account (a card or a direct debit), in GBP, paid at once. */
    Document directCost(int index) {
        SplittableRandom random = draws.random("directCosts", index);
        return paidInGbp(index, index % suppliers(), spread(YEAR_START.plusDays(4), index, directCosts(), 355),
                money(random, 800));
    }

    /** Money received straight into the current account (a cash sale), in GBP. */
    Document directIncome(int index) {
        SplittableRandom random = draws.random("directIncomes", index);
        return paidInGbp(index, (index * 3 + 2) % customers(), spread(YEAR_START.plusDays(6), index,
                directIncomes(), 350), money(random, 1_500));
    }

    /** An order to a supplier: a commitment, not posted to the books. */
    Document purchaseOrder(int index) {
        SplittableRandom random = draws.random("purchaseOrders", index);
        int supplier = (index * 7) % suppliers();
        return document(index, supplier, spread(YEAR_START.plusDays(1), index, purchaseOrders(), 362),
                money(random, 2_500), false);
    }

    int billCreditNotes() {
        return volume.creditNotes() / 2;
    }

    int directCosts() {
        return volume.bills() / 4;
    }

    int directIncomes() {
        return volume.invoices() / 6;
    }

    int purchaseOrders() {
        return volume.bills() / 4;
    }

    private static Document paidInGbp(int index, int party, LocalDate date, BigDecimal subTotal) {
        BigDecimal tax = vat(subTotal);
        BigDecimal total = subTotal.add(tax);
        return new Document(index, party, date, "GBP", subTotal, tax, total, total);
    }

    private static Document document(int index, int party, LocalDate date, BigDecimal subTotal, boolean payable) {
        BigDecimal tax = vat(subTotal);
        BigDecimal total = subTotal.add(tax);
        BigDecimal paid = !payable ? BigDecimal.ZERO.setScale(2)
                : index % 4 == 0 ? total
                : index % 4 == 1 ? total.divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP)
                : BigDecimal.ZERO.setScale(2);
        return new Document(index, party, date, currencyOf(party), subTotal, tax, total, paid);
    }

    Journal journal(int index) {
        SplittableRandom random = draws.random("journalEntries", index);
        int kind = index % JOURNAL_KINDS.length;
        int count = Math.max(1, volume.journalEntries());
        LocalDate month = YEAR_START.plusMonths((long) index * 12 / count);
        return switch (kind) {
            case 0 -> {
                BigDecimal wages = money(random, 6_000).add(BigDecimal.valueOf(4_000));
                BigDecimal employerTax = wages.multiply(new BigDecimal("0.138")).setScale(2, RoundingMode.HALF_UP);
                yield new Journal(index, kind, month.withDayOfMonth(25), wages, employerTax);
            }
            case 1 -> new Journal(index, kind, month, money(random, 1_500).add(BigDecimal.valueOf(1_500)),
                    BigDecimal.ZERO.setScale(2));
            case 2 -> new Journal(index, kind, month.withDayOfMonth(10), money(random, 400),
                    BigDecimal.ZERO.setScale(2));
            default -> new Journal(index, kind, month.withDayOfMonth(28), money(random, 60),
                    BigDecimal.ZERO.setScale(2));
        };
    }

    /** The number of invoices or bills that have a payment: those with index % 4 of 0 or 1. */
    static int paidCount(int documents) {
        return documents / 4 * 2 + Math.min(documents % 4, 2);
    }

    /** The document the {@code k}-th payment pays: 0, 1, 4, 5, 8, 9, … */
    static int paidDocument(int k) {
        return k / 2 * 4 + k % 2;
    }
}
