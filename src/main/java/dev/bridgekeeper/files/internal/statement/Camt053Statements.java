package dev.bridgekeeper.files.internal.statement;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads ISO 20022 camt.053 bank-to-customer statements (any version) with the JDK's StAX reader, DTDs and external
 * entities off ({@link SecureXml}). Each {@code Stmt} is one account; its booked entries ({@code Ntry}, status BOOK)
 * become transactions, debits negative.
 */
public final class Camt053Statements {

    private static final Map<String, String> FAMILIES = Map.of("CCRD", "Purchase", "ICDT", "Payment", "RCDT",
            "Credit", "CHRG", "Fee", "CASH", "Cash", "RDDT", "DirectDebit", "IDDT", "DirectDebit", "ICHQ", "Cheque",
            "RCHQ", "Cheque", "INTR", "Interest");
    private static final int MAX_DEPTH = 64;

    private Camt053Statements() {}

    public static List<BankStatement> read(byte[] bytes) throws StatementException {
        Node document = parse(bytes);
        Node message = document.child("BkToCstmrStmt");
        if (message == null || message.all("Stmt").isEmpty()) {
            throw new StatementException("The CAMT.053 file holds no statement (BkToCstmrStmt/Stmt).");
        }
        List<BankStatement> statements = new ArrayList<>();
        int n = 0;
        for (Node stmt : message.all("Stmt")) {
            statements.add(statement(stmt, ++n));
        }
        return statements;
    }

    private static BankStatement statement(Node stmt, int n) throws StatementException {
        Node account = stmt.child("Acct");
        String iban = account == null ? null : account.text("Id", "IBAN");
        String other = account == null ? null : account.text("Id", "Othr", "Id");
        if (iban == null && other == null) {
            throw new StatementException("Statement " + n + " has no account (Acct/Id/IBAN or Acct/Id/Othr/Id).");
        }
        String number = iban != null ? iban : other;
        String where = "Statement " + n + " (account " + OfxStatements.mask(number) + ")";
        BigDecimal closing = null;
        BigDecimal available = null;
        String closingDate = null;
        String currency = account.text("Ccy");
        for (Node bal : stmt.all("Bal")) {
            String type = bal.text("Tp", "CdOrPrtry", "Cd");
            BigDecimal amount = signed(bal, where + " balance");
            if ("CLBD".equals(type)) {
                closing = amount;
                closingDate = date(bal.child("Dt"));
                currency = currency != null ? currency : bal.child("Amt").attributes.get("Ccy");
            } else if ("CLAV".equals(type)) {
                available = amount;
            }
        }
        List<BankStatement.Line> lines = new ArrayList<>();
        int e = 0;
        for (Node entry : stmt.all("Ntry")) {
            e++;
            String status = entry.text("Sts", "Cd") != null ? entry.text("Sts", "Cd") : entry.text("Sts");
            if (status != null && !"BOOK".equals(status)) {
                continue; // pending and informational entries are not booked transactions
            }
            lines.add(line(entry, where + " entry " + e, number, currency));
        }
        if (currency == null) {
            throw new StatementException(where + " has no currency (Acct/Ccy or a balance's Amt/@Ccy).");
        }
        Node servicer = account.at("Svcr", "FinInstnId");
        String bic = servicer == null ? null : servicer.text("BICFI") != null ? servicer.text("BICFI")
                : servicer.text("BIC");
        String institution = servicer == null ? null : servicer.text("Nm");
        String holder = account.text("Ownr", "Nm");
        return new BankStatement(null, null, other, iban, bic, "Depository", null, holder, currency, closing,
                available, closingDate, bic, institution, lines);
    }

    private static BankStatement.Line line(Node entry, String where, String account, String currency)
            throws StatementException {
        BigDecimal amount = signed(entry, where);
        String booked = date(entry.child("BookgDt"));
        if (booked == null) {
            booked = date(entry.child("ValDt"));
        }
        if (booked == null) {
            throw new StatementException(where + " has no booking date (BookgDt).");
        }
        Node tx = entry.at("NtryDtls", "TxDtls");
        String id = entry.text("AcctSvcrRef");
        if (id == null && tx != null) {
            id = tx.text("Refs", "AcctSvcrRef") != null ? tx.text("Refs", "AcctSvcrRef") : tx.text("Refs", "TxId");
        }
        if (id == null) {
            id = entry.text("NtryRef");
        }
        if (id == null) { // no reference from the bank: the entry's own content names it, the same in every file
            id = "camt-" + HexFormat.of().formatHex(sha256(account + "|" + booked + "|" + amount + "|"
                    + entry.text("AddtlNtryInf"))).substring(0, 24);
        }
        String description = entry.text("AddtlNtryInf");
        if (tx != null) {
            String remittance = tx.text("RmtInf", "Ustrd");
            String party = amount.signum() < 0 ? partyName(tx, "Cdtr") : partyName(tx, "Dbtr");
            String joined = String.join(" ", java.util.stream.Stream.of(party, remittance)
                    .filter(s -> s != null && !s.isBlank()).toList());
            description = joined.isBlank() ? description : joined;
        }
        String family = entry.text("BkTxCd", "Domn", "Fmly", "Cd");
        String code = family == null ? "Unknown" : FAMILIES.getOrDefault(family, "Other");
        String lineCurrency = entry.child("Amt").attributes.getOrDefault("Ccy", currency);
        return new BankStatement.Line(id, booked, null, amount, lineCurrency, description, code);
    }

    private static String partyName(Node tx, String role) {
        String name = tx.text("RltdPties", role, "Nm");
        return name != null ? name : tx.text("RltdPties", role, "Pty", "Nm");
    }

    /** Amt with CdtDbtInd: DBIT makes it negative. */
    private static BigDecimal signed(Node node, String where) throws StatementException {
        String text = node.text("Amt");
        if (text == null) {
            throw new StatementException(where + " has no amount (Amt).");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new StatementException(where + " has an amount that is not a number: \"" + text + "\".");
        }
        String indicator = node.text("CdtDbtInd");
        if (!"CRDT".equals(indicator) && !"DBIT".equals(indicator)) {
            throw new StatementException(where + " has no credit/debit indicator (CdtDbtInd CRDT or DBIT).");
        }
        return "DBIT".equals(indicator) ? amount.negate() : amount;
    }

    /** Dt (a date) or DtTm (a date-time) under a date choice, as an ISO string. */
    private static String date(Node choice) {
        if (choice == null) {
            return null;
        }
        String day = choice.text("Dt");
        if (day != null && day.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return day + "T00:00:00";
        }
        String time = choice.text("DtTm");
        if (time == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(time).toInstant().toString();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(time).toString();
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Node parse(byte[] bytes) throws StatementException {
        try {
            XMLStreamReader xml = SecureXml.reader(new ByteArrayInputStream(bytes));
            try {
                Deque<Node> open = new ArrayDeque<>();
                Node root = null;
                StringBuilder text = new StringBuilder();
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        Node node = new Node(xml.getLocalName());
                        for (int i = 0; i < xml.getAttributeCount(); i++) {
                            node.attributes.put(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                        }
                        if (open.isEmpty()) {
                            root = node;
                        } else {
                            open.peek().children.add(node);
                        }
                        if (open.size() >= MAX_DEPTH) {
                            throw new StatementException("The CAMT.053 file nests elements deeper than " + MAX_DEPTH
                                    + ".");
                        }
                        open.push(node);
                        text.setLength(0);
                    } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                        text.append(xml.getText());
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        Node node = open.pop();
                        if (node.children.isEmpty()) {
                            node.text = text.toString();
                        }
                        text.setLength(0);
                    } else if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                        throw new StatementException("The CAMT.053 file declares a DTD or entities, which are not"
                                + " allowed.");
                    }
                }
                if (root == null || !"Document".equals(root.name)) {
                    throw new StatementException("The file is not a CAMT.053 document.");
                }
                return root;
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            throw new StatementException("The CAMT.053 file is not well-formed XML" + at + ".");
        }
    }
}
