package dev.bridgekeeper.files.internal.statement;

import java.math.BigDecimal;
import java.util.List;

/**
 * One account's statement as a file states it, before it is mapped to Codat's banking model.
 *
 * @param kind            {@code Depository}, {@code Card} or {@code Credit} (Codat's account identifier types)
 * @param subtype         the file's own account type, e.g. {@code CHECKING}, or null
 * @param ledgerBalance   the booked balance at {@code balanceDate}, or null when the file has none
 * @param balanceDate     an ISO date or date-time, or null
 * @param lines           the statement's booked transactions
 */
public record BankStatement(String bankCode, String branch, String number, String iban, String bic, String kind,
        String subtype, String holder, String currency, BigDecimal ledgerBalance, BigDecimal availableBalance,
        String balanceDate, String institutionId, String institutionName, List<Line> lines) {

    /**
     * @param id          the bank's id of the transaction (OFX FITID, CAMT AcctSvcrRef/NtryRef), stable across files
     * @param postedDate  ISO date or date-time ({@code Z} when the file gave a time zone)
     * @param amount      signed: money in positive
     * @param code        Codat's transaction code
     */
    public record Line(String id, String postedDate, String authorizedDate, BigDecimal amount, String currency,
            String description, String code) {}
}
