package dev.bridgekeeper.connector.quickbooks;

import static dev.bridgekeeper.connector.quickbooks.QboValues.put;
import static dev.bridgekeeper.connector.quickbooks.QboValues.refName;
import static dev.bridgekeeper.connector.quickbooks.QboValues.text;

import tools.jackson.databind.JsonNode;

/**
 * {@code bankTransactions}: the account transactions ({@link QboAccountTransactions}, the same records with the same
 * ids) as lines of their bank or card account's statement, served under that account ({@code accountId}).
 * QuickBooks Online's API has no bank feed lines: a line is the movement a QuickBooks document makes in the account.
 * {@code clearedOnDate} is the document's TxnDate (the API has no date the bank cleared it); {@code amount} positive
 * into the account, negative out of it, {@code transactionType} Credit or Debit accordingly (the Xero connector's
 * and the sandbox's convention); {@code description} the counterparty's name (CustomerRef, VendorRef or EntityRef)
 * and the document's reference (PaymentRefNum, else DocNumber), or its PrivateNote when it names neither (deposits,
 * transfers). {@code reconciled} and {@code balance} are left out: the API has no cleared or reconciled flag on
 * these documents, and a running balance would need every posting to the account, journal entries included, which
 * these records are not.
 */
final class QboBankTransactions {

    /** A movement of money as a line of its account's statement. */
    static final QboAccountTransactions.Form LINE = (r, document, bank, bankName, amount, lines) -> {
        r.put("accountId", bank);
        put(r, "clearedOnDate", QboValues.date(text(document, "TxnDate")));
        put(r, "description", description(document));
        r.put("amount", amount);
        r.put("transactionType", amount.signum() < 0 ? "Debit" : "Credit");
    };

    private QboBankTransactions() {}

    /** Who the money came from or went to, and the document's reference; else its private note. */
    private static String description(JsonNode document) {
        String party = refName(document, "CustomerRef");
        if (party == null) {
            party = refName(document, "VendorRef");
        }
        if (party == null) {
            party = refName(document, "EntityRef");
        }
        String reference = text(document, "PaymentRefNum");
        if (reference == null) {
            reference = text(document, "DocNumber");
        }
        String description = QboValues.join(party, reference);
        return description != null ? description : text(document, "PrivateNote");
    }
}
