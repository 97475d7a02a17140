package dev.bridgekeeper.connection;

/** Codat's data connection statuses. Changed only through the connection transition table. */
public enum ConnectionStatus { PendingAuth, Linked, Unlinked, Deauthorized }
