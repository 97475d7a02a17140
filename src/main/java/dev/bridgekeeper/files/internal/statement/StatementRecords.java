package dev.bridgekeeper.files.internal.statement;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A company's read statements as Codat's banking records: one {@code banking-accounts} record per account (the
 * newest statement's balance), one {@code banking-transactions} record per bank transaction id and account (a
 * transaction in two overlapping statements is one record, the newer file's). Ids are stable across uploads.
 */
public final class StatementRecords {

    /** One record: its id and its JSON in Codat's model. */
    public record Record(String id, String json, Instant modified, Instant sourceModified) {}

    /** A statement with when its file was uploaded, in upload order. */
    public record Uploaded(BankStatement statement, Instant uploaded) {}

    private final Map<String, Record> accounts = new TreeMap<>();
    private final Map<String, Record> transactions = new TreeMap<>();

    public StatementRecords(List<Uploaded> statements, JsonMapper json) {
        for (Uploaded u : statements) {
            BankStatement s = u.statement();
            String accountId = accountId(s);
            accounts.put(accountId, new Record(accountId, account(json, s, accountId, u.uploaded()), u.uploaded(),
                    instant(s.balanceDate())));
            for (BankStatement.Line line : s.lines()) {
                String id = accountId + "-" + line.id();
                transactions.put(id, new Record(id, transaction(json, line, id, accountId, u.uploaded()), u.uploaded(),
                        instant(line.postedDate())));
            }
        }
    }

    public List<Record> accounts() {
        return new ArrayList<>(accounts.values());
    }

    public List<Record> transactions() {
        return new ArrayList<>(transactions.values());
    }

    /** The same account in every file: its bank code, branch, number and IBAN, hashed to a UUID. */
    static String accountId(BankStatement s) {
        String key = String.join("|", String.valueOf(s.bankCode()), String.valueOf(s.branch()),
                String.valueOf(s.number()), String.valueOf(s.iban()), s.kind());
        return UUID.nameUUIDFromBytes(key.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String account(JsonMapper json, BankStatement s, String id, Instant uploaded) {
        String number = s.iban() != null ? s.iban() : s.number();
        String masked = number.length() <= 4 ? number : "••••" + number.substring(number.length() - 4);
        ObjectNode a = json.createObjectNode();
        a.put("id", id);
        a.put("name", (s.institutionName() != null ? s.institutionName() : "Bank account") + " " + masked);
        a.putNull("informalName");
        if (s.holder() != null) {
            a.put("holder", s.holder());
        } else {
            a.putNull("holder");
        }
        a.put("type", "Depository".equals(s.kind()) ? "Debit" : "Credit");
        ObjectNode balance = a.putObject("balance");
        if (s.ledgerBalance() != null) {
            balance.put("current", s.ledgerBalance());
        }
        if (s.availableBalance() != null) {
            balance.put("available", s.availableBalance());
        } else {
            balance.putNull("available");
        }
        balance.putNull("limit");
        ObjectNode identifiers = a.putObject("identifiers");
        identifiers.put("type", s.kind());
        putNullable(identifiers, "subtype", s.subtype() == null ? null : s.subtype().toLowerCase(Locale.ROOT));
        putNullable(identifiers, "number", s.number() != null ? s.number() : s.iban());
        putNullable(identifiers, "bankCode", s.bankCode());
        putNullable(identifiers, "iban", s.iban());
        putNullable(identifiers, "bic", s.bic());
        identifiers.put("maskedAccountNumber", masked);
        a.put("currency", s.currency().toUpperCase(Locale.ROOT));
        ObjectNode institution = a.putObject("institution");
        if (s.institutionId() != null) {
            institution.put("id", s.institutionId());
        }
        if (s.institutionName() != null) {
            institution.put("name", s.institutionName());
        }
        a.put("modifiedDate", uploaded.toString());
        putNullable(a, "sourceModifiedDate", s.balanceDate());
        return json.writeValueAsString(a);
    }

    private static String transaction(JsonMapper json, BankStatement.Line line, String id, String accountId,
            Instant uploaded) {
        ObjectNode t = json.createObjectNode();
        t.put("id", id);
        t.put("accountId", accountId);
        putNullable(t, "description", line.description());
        t.put("amount", line.amount());
        t.put("currency", line.currency().toUpperCase(Locale.ROOT));
        t.put("postedDate", line.postedDate());
        if (line.authorizedDate() != null) {
            t.put("authorizedDate", line.authorizedDate());
        }
        t.put("code", line.code());
        t.putNull("merchantName");
        t.put("modifiedDate", uploaded.toString());
        t.put("sourceModifiedDate", line.postedDate());
        return json.writeValueAsString(t);
    }

    private static void putNullable(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    /** An ISO date-time as an instant, local times read as UTC; null when absent. */
    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return iso.endsWith("Z") ? Instant.parse(iso) : Instant.parse(iso + "Z");
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
