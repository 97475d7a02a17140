package dev.bridgekeeper.company;

import java.time.Instant;
import java.util.UUID;

/**
 * Published in the transaction that creates a company. {@code details} is the company in the
 * {@code companyDetails} shape exactly as {@link CompanyDirectory#details} would read it back, so
 * listeners such as the webhook outbox need not read the row they just saw written.
 */
public record CompanyCreated(UUID clientId, CompanyReference company, Company details, Instant at) {}
