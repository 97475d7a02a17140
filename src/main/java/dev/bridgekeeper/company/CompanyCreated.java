package dev.bridgekeeper.company;

import java.time.Instant;
import java.util.UUID;

/** Published in the transaction that creates a company. */
public record CompanyCreated(UUID clientId, CompanyReference company, Instant at) {}
