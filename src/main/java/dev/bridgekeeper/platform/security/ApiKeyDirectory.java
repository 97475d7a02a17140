package dev.bridgekeeper.platform.security;

import java.util.Optional;
import java.util.UUID;

/** Finds the client an API key belongs to. Implemented by the settings module, which owns the keys. */
public interface ApiKeyDirectory {

    /** The owning client of the key whose SHA-256 digest this is, if the key exists. */
    Optional<UUID> clientForKeyDigest(byte[] sha256);
}
