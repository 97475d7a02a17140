package dev.bridgekeeper.consent.internal;

import java.util.List;

/** The body of {@code POST /companies/{companyId}/consents}, as sent; {@link GrantValidator} checks it. */
record GrantBody(String productIdentifier, String sourceType, List<String> connectionIds, List<String> dataTypes,
        String text, String textVersion, String locale, String channel, String ipAddress, String userAgent) {}
