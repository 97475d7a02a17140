package dev.bridgekeeper.company;

import java.time.Instant;
import java.util.UUID;

/** Published in the transaction that deletes a company (its connections go with it). */
public record CompanyDeleted(UUID clientId, CompanyReference company, Instant at) {}
