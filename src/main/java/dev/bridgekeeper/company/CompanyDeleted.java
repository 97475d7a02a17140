package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * A company was deleted, its connections with it; published in the deleting transaction before the rows go, so
 * listeners can still read what they own of it. {@code company} is the company as it was.
 */
public record CompanyDeleted(ClientId clientId, CompanyDetails company, Instant at) {}
