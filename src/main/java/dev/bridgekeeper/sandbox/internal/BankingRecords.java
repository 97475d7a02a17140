package dev.bridgekeeper.sandbox.internal;

import static dev.bridgekeeper.sandbox.internal.SandboxDraws.CURRENCIES;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.NAMES;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.SUFFIXES;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.companyName;
import static dev.bridgekeeper.sandbox.internal.SandboxDraws.money;

import dev.bridgekeeper.platform.IsoInstants;
import dev.bridgekeeper.sandbox.internal.SandboxDataProperties.Volume;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Sandbox Banking: accounts, a year of transactions per account, balances and transaction categories. */
final class BankingRecords implements RecordGenerator {

    private static final String[] CATEGORIES = {"Income", "Payroll", "Rent", "Utilities", "Travel", "Software",
            "Office supplies", "Bank fees", "Taxes", "Transfers"};

    private final SandboxDraws draws;
    private final Volume volume;
    private final String holder;

    BankingRecords(SandboxDraws draws, Volume volume, String holder) {
        this.draws = draws;
        this.volume = volume;
        this.holder = holder;
    }

    @Override
    public List<String> dataTypes() {
        return List.of("banking-accounts", "banking-transactions", "banking-accountBalances",
                "banking-transactionCategories");
    }

    @Override
    public int count(String dataType) {
        return switch (dataType) {
            case "banking-accounts", "banking-accountBalances" -> volume.bankAccounts();
            case "banking-transactions" -> volume.bankAccounts() * volume.transactionsPerAccount();
            case "banking-transactionCategories" -> CATEGORIES.length;
            default -> 0;
        };
    }

    @Override
    public String prefix(String dataType) {
        return switch (dataType) {
            case "banking-accounts" -> "bank";
            case "banking-transactions" -> "txn";
            case "banking-accountBalances" -> "bal";
            default -> "cat";
        };
    }

    @Override
    public void fill(Map<String, Object> r, String dataType, int index) {
        SplittableRandom random = draws.random(dataType, index);
        switch (dataType) {
            case "banking-accounts" -> account(r, index, random);
            case "banking-transactions" -> transaction(r, index, random);
            // a balance is its account's: drawn from the account's stream
            case "banking-accountBalances" -> balance(r, index, draws.random("banking-accounts", index));
            default -> category(r, index);
        }
    }

    private void account(Map<String, Object> r, int index, SplittableRandom random) {
        BigDecimal balance = money(random, 80_000);
        String currency = index == 0 ? "GBP" : CURRENCIES[index % CURRENCIES.length];
        r.put("name", index == 0 ? "Business Current Account" : "Business Account " + (index + 1));
        r.put("informalName", "Account " + (index + 1));
        r.put("holder", holder);
        // Codat's account types: Debit (assets, e.g. current accounts) or Credit (liabilities, e.g. cards)
        r.put("type", index % 4 == 3 ? "Credit" : "Debit");
        r.put("balance", Map.of("available", balance, "current", balance, "limit", 0));
        r.put("currency", currency);
        r.put("identifiers", Map.of("type", "Account", "number", String.format("%08d",
                random.nextInt(100_000_000)), "bankCode", String.format("%06d", random.nextInt(1_000_000)),
                "subtype", "checking"));
        r.put("institution", Map.of("id", "sandbox-bank", "name", "Sandbox Bank plc"));
    }

    private void transaction(Map<String, Object> r, int index, SplittableRandom random) {
        int perAccount = Math.max(1, volume.transactionsPerAccount());
        int account = index / perAccount;
        int within = index % perAccount;
        Instant posted = SandboxRecords.BASE.minus(365, ChronoUnit.DAYS)
                .plusSeconds((long) within * (365L * 24 * 3600 / perAccount));
        boolean credit = random.nextInt(3) == 0;
        BigDecimal amount = money(random, credit ? 4_000 : 900);
        int category = credit ? 0 : 1 + random.nextInt(CATEGORIES.length - 1);
        r.put("accountId", "bank-" + account);
        r.put("description", credit ? "Payment from " + companyName(random.nextInt(NAMES.length))
                : CATEGORIES[category] + " " + NAMES[random.nextInt(NAMES.length)]);
        r.put("amount", credit ? amount : amount.negate());
        r.put("currency", account == 0 ? "GBP" : CURRENCIES[account % CURRENCIES.length]);
        r.put("postedDate", IsoInstants.format(posted.truncatedTo(ChronoUnit.SECONDS)));
        r.put("authorizedDate", IsoInstants.format(posted.minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS)));
        r.put("code", credit ? "Credit" : code(CATEGORIES[category]));
        r.put("merchantName", credit ? null : NAMES[random.nextInt(NAMES.length)] + " " + SUFFIXES[0]);
        r.put("transactionCategoryRef", Map.of("id", "cat-" + category));
    }

    /** Codat's transaction code for a debit of the category. */
    private static String code(String category) {
        return switch (category) {
            case "Bank fees" -> "Fee";
            case "Transfers" -> "Transfer";
            case "Rent", "Payroll" -> "StandingOrder";
            case "Utilities", "Taxes" -> "DirectDebit";
            default -> "Purchase";
        };
    }

    private void balance(Map<String, Object> r, int index, SplittableRandom random) {
        BigDecimal current = money(random, 80_000);
        r.put("accountId", "bank-" + index);
        r.put("balance", Map.of("available", current, "current", current, "limit", 0));
        r.put("date", LocalDate.ofInstant(SandboxRecords.BASE, ZoneOffset.UTC) + "T00:00:00Z");
    }

    private void category(Map<String, Object> r, int index) {
        r.put("name", CATEGORIES[index]);
        r.put("hasChildren", false);
        r.put("status", "Active");
    }
}
