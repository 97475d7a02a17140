package dev.bridgekeeper.sandbox.internal;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How much data each sandbox organisation holds, and how slow the slow user is. {@code users} overrides the
 * volume for one test user, so a benchmark can give one organisation a million transactions.
 */
@ConfigurationProperties("bridgekeeper.sandbox.data")
record SandboxDataProperties(Volume volume, Map<String, Volume> users, Duration slowPageDelay) {

    SandboxDataProperties {
        volume = Volume.DEFAULT.overriddenBy(volume);
        users = users == null ? Map.of() : Map.copyOf(users);
        slowPageDelay = slowPageDelay == null ? Duration.ofMillis(300) : slowPageDelay;
    }

    /** The volume for one user: the defaults with that user's overrides. */
    Volume volumeFor(String username) {
        return volume.overriddenBy(users.get(username));
    }

    /** Record counts per organisation; a null field keeps the default. */
    record Volume(Integer bankAccounts, Integer transactionsPerAccount, Integer accounts, Integer customers,
            Integer invoices, Integer orders, Integer suppliers, Integer bills, Integer creditNotes,
            Integer journalEntries, Integer products) {

        static final Volume DEFAULT = new Volume(3, 200, 30, 25, 120, 150, 12, 80, 20, 48, 40);

        Volume overriddenBy(Volume other) {
            if (other == null) {
                return this;
            }
            return new Volume(pick(other.bankAccounts, bankAccounts), pick(other.transactionsPerAccount,
                    transactionsPerAccount), pick(other.accounts, accounts), pick(other.customers, customers),
                    pick(other.invoices, invoices), pick(other.orders, orders), pick(other.suppliers, suppliers),
                    pick(other.bills, bills), pick(other.creditNotes, creditNotes),
                    pick(other.journalEntries, journalEntries), pick(other.products, products));
        }

        private static Integer pick(Integer override, Integer base) {
            return override != null ? override : base;
        }
    }
}
