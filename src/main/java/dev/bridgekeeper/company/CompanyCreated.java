package dev.bridgekeeper.company;

import dev.bridgekeeper.platform.ids.ClientId;
import java.time.Instant;

/**
 * A company was created; published in the creating transaction. {@code company} is the row as stored (the insert
 * returns it), so listeners such as the webhook outbox need not read back what they just saw written.
 */
public record CompanyCreated(ClientId clientId, CompanyDetails company, Instant at) {}
