package dev.bridgekeeper.connector.xero.emulator;

import java.util.List;
import java.util.UUID;

/** A person who can sign in at the emulated login page, and the organisations they may connect. */
public record XeroUser(UUID userId, String email, String password, String firstName, String lastName,
        List<UUID> organisations) {

    public XeroUser {
        organisations = List.copyOf(organisations);
    }
}
