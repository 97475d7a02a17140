package dev.bridgekeeper.webhook.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A webhook consumer as stored; secrets stay sealed until the moment they sign. */
record ConsumerRow(
        UUID id,
        UUID clientId,
        String url,
        boolean disabled,
        List<String> eventTypes,
        List<String> companyTags,
        String secretSealed,
        String previousSecretSealed,
        Instant previousSecretUntil,
        Instant failingSince,
        String disabledReason,
        Instant created) {}
