package dev.bridgekeeper.files.internal.statement;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OFX bank and credit-card statements, version 1.x (SGML: leaf elements are not closed, a plain-text header
 * comes first) and 2.x (XML). One tokenizer serves both: text after an opening tag makes that element a leaf, which
 * ends at the next tag; aggregates end at their closing tag. OFX 2.x is never handed to an XML parser, so it cannot
 * carry entities or a DTD.
 */
public final class OfxStatements {

    private static final Pattern DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})"
            + "(?:(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,3}))?)?)?" // time, seconds, milliseconds
            + "(?:\\[([+-]?\\d{1,2}(?:\\.\\d+)?)(?::[^\\]]*)?])?"); // [offset:zone name]
    private static final Map<String, String> CODES = Map.ofEntries(Map.entry("CREDIT", "Credit"),
            Map.entry("DEBIT", "Other"), Map.entry("INT", "Interest"), Map.entry("DIV", "Other"),
            Map.entry("FEE", "Fee"), Map.entry("SRVCHG", "Fee"), Map.entry("DEP", "Credit"), Map.entry("ATM", "Cash"),
            Map.entry("POS", "Purchase"), Map.entry("XFER", "Transfer"), Map.entry("CHECK", "Cheque"),
            Map.entry("PAYMENT", "Payment"), Map.entry("CASH", "Cash"), Map.entry("DIRECTDEP", "Credit"),
            Map.entry("DIRECTDEBIT", "DirectDebit"), Map.entry("REPEATPMT", "StandingOrder"),
            Map.entry("HOLD", "Other"), Map.entry("OTHER", "Other"));
    private static final int MAX_DEPTH = 64;

    private OfxStatements() {}

    /** Every statement in the file; a file with none, or with a transaction missing its id, amount or date, fails. */
    public static List<BankStatement> read(byte[] bytes) throws StatementException {
        Node ofx = parse(decode(bytes));
        String institutionName = ofx.text("SIGNONMSGSRSV1", "SONRS", "FI", "ORG");
        String institutionId = ofx.text("SIGNONMSGSRSV1", "SONRS", "FI", "FID");
        List<BankStatement> statements = new ArrayList<>();
        for (Node rs : ofx.descendants("STMTRS")) {
            statements.add(statement(rs, rs.child("BANKACCTFROM"), false, institutionId, institutionName));
        }
        for (Node rs : ofx.descendants("CCSTMTRS")) {
            statements.add(statement(rs, rs.child("CCACCTFROM"), true, institutionId, institutionName));
        }
        if (statements.isEmpty()) {
            throw new StatementException("The OFX file holds no bank or credit card statement (STMTRS or CCSTMTRS).");
        }
        return statements;
    }

    private static BankStatement statement(Node rs, Node from, boolean card, String institutionId,
            String institutionName) throws StatementException {
        String account = from == null ? null : from.text("ACCTID");
        if (account == null) {
            throw new StatementException("A statement in the OFX file has no account number (ACCTID).");
        }
        String currency = rs.text("CURDEF");
        if (currency == null) {
            throw new StatementException("The statement of account " + mask(account) + " has no currency (CURDEF).");
        }
        String type = card ? null : from.text("ACCTTYPE");
        String kind = card ? "Card" : "CREDITLINE".equals(type) ? "Credit" : "Depository";
        List<BankStatement.Line> lines = new ArrayList<>();
        Node list = rs.child("BANKTRANLIST");
        List<Node> transactions = list == null ? List.of() : list.all("STMTTRN");
        for (int i = 0; i < transactions.size(); i++) {
            lines.add(line(transactions.get(i), i + 1, account, currency));
        }
        return new BankStatement(card ? null : from.text("BANKID"), card ? null : from.text("BRANCHID"), account, null,
                null, kind, type, null, currency, amount(rs.text("LEDGERBAL", "BALAMT"), "LEDGERBAL.BALAMT"),
                amount(rs.text("AVAILBAL", "BALAMT"), "AVAILBAL.BALAMT"), date(rs.text("LEDGERBAL", "DTASOF")),
                institutionId, institutionName, lines);
    }

    private static BankStatement.Line line(Node trn, int n, String account, String currency)
            throws StatementException {
        String where = "Transaction " + n + " of account " + mask(account);
        String id = trn.text("FITID");
        if (id == null) {
            throw new StatementException(where + " has no FITID.");
        }
        String amount = trn.text("TRNAMT");
        if (amount == null) {
            throw new StatementException(where + " (FITID " + id + ") has no amount (TRNAMT).");
        }
        String posted = date(trn.text("DTPOSTED"));
        if (posted == null) {
            throw new StatementException(where + " (FITID " + id + ") has no valid posting date (DTPOSTED).");
        }
        String name = trn.text("NAME") != null ? trn.text("NAME") : trn.text("PAYEE", "NAME");
        String memo = trn.text("MEMO");
        String description = name == null ? memo : memo == null || memo.equals(name) ? name : name + " " + memo;
        String type = trn.text("TRNTYPE");
        String code = type == null ? "Unknown" : CODES.getOrDefault(type.toUpperCase(Locale.ROOT), "Other");
        String lineCurrency = trn.text("CURRENCY", "CURSYM") != null ? trn.text("CURRENCY", "CURSYM") : currency;
        return new BankStatement.Line(id, posted, date(trn.text("DTUSER")), amount(amount, where + " TRNAMT"),
                lineCurrency, description, code);
    }

    /** The last four characters of an account number: errors must not repeat it whole. */
    static String mask(String account) {
        return account.length() <= 4 ? account : "…" + account.substring(account.length() - 4);
    }

    private static BigDecimal amount(String text, String field) throws StatementException {
        if (text == null) {
            return null;
        }
        String plain = text.replace(" ", "");
        if (plain.indexOf('.') < 0) {
            plain = plain.replace(',', '.'); // OFX allows a comma as the decimal separator
        }
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new StatementException(field + " is not a number: \"" + text + "\".");
        }
    }

    /** OFX's YYYYMMDD[HHMMSS[.XXX]][offset:TZ] as an ISO date, or date-time in UTC when a time is given. */
    static String date(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        try {
            java.time.LocalDate day = java.time.LocalDate.of(Integer.parseInt(m.group(1)),
                    Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return day + "T00:00:00";
            }
            java.time.LocalDateTime local = day.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
            if (m.group(8) == null) {
                return local.toString().length() == 16 ? local + ":00" : local.toString();
            }
            int offsetMinutes = (int) Math.round(Double.parseDouble(m.group(8)) * 60);
            return local.atOffset(java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toInstant().toString();
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** OFX 1.x names its charset in the header (1252 unless UTF-8); OFX 2.x is XML, UTF-8 unless it says. */
    private static String decode(byte[] bytes) {
        String ascii = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        Charset charset = StandardCharsets.UTF_8;
        if (ascii.stripLeading().startsWith("OFXHEADER:")
                && !ascii.toUpperCase(Locale.ROOT).contains("ENCODING:UTF-8")) {
            charset = Charset.forName("windows-1252");
        } else {
            Matcher declared = Pattern.compile("encoding=[\"']([A-Za-z0-9._-]+)[\"']").matcher(ascii);
            if (declared.find() && Charset.isSupported(declared.group(1))) {
                charset = Charset.forName(declared.group(1));
            }
        }
        return new String(bytes, charset);
    }

    private static Node parse(String text) throws StatementException {
        int start = text.indexOf("<OFX>");
        if (start < 0) {
            throw new StatementException("The file has no <OFX> element.");
        }
        Node root = new Node("#document");
        Deque<Node> open = new ArrayDeque<>();
        open.push(root);
        String closedLeaf = null;
        int at = start;
        while (at < text.length()) {
            int lt = text.indexOf('<', at);
            String between = (lt < 0 ? text.substring(at) : text.substring(at, lt));
            if (!between.isBlank() && open.size() > 1) {
                Node leaf = open.pop();
                leaf.text = unescape(between.strip());
                closedLeaf = leaf.name;
            }
            if (lt < 0) {
                break;
            }
            int gt = text.indexOf('>', lt);
            if (gt < 0) {
                throw new StatementException("The OFX file ends inside a tag.");
            }
            String tag = text.substring(lt + 1, gt).strip();
            at = gt + 1;
            if (tag.startsWith("?") || tag.startsWith("!")) {
                continue;
            }
            if (tag.startsWith("/")) {
                String name = tag.substring(1).strip();
                if (name.equals(closedLeaf)) {
                    closedLeaf = null;
                    continue;
                }
                closedLeaf = null;
                if (open.stream().noneMatch(n -> n.name.equals(name))) {
                    throw new StatementException("The OFX file closes <" + name + "> which is not open.");
                }
                while (!open.pop().name.equals(name)) {
                    // elements left open inside it were empty leaves
                }
                if (open.isEmpty()) {
                    throw new StatementException("The OFX file closes <" + name + "> which is not open.");
                }
                continue;
            }
            closedLeaf = null;
            boolean selfClosing = tag.endsWith("/");
            String name = tag.split("[\\s/]", 2)[0];
            if (name.isEmpty()) {
                throw new StatementException("The OFX file has an empty tag.");
            }
            Node node = new Node(name.toUpperCase(Locale.ROOT));
            open.peek().children.add(node);
            if (!selfClosing) {
                if (open.size() > MAX_DEPTH) {
                    throw new StatementException("The OFX file nests elements deeper than " + MAX_DEPTH + ".");
                }
                open.push(node);
            }
        }
        Node ofx = root.child("OFX");
        if (ofx == null) {
            throw new StatementException("The file has no <OFX> element.");
        }
        return ofx;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }
}
