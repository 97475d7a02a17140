package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.Product;
import java.util.List;
import java.util.UUID;

/**
 * One consent to record, checked by {@link GrantValidator}: the product (null for a company without products),
 * what it covers, and the text with the version and locale it may claim (a version only when the text is the
 * product's configured wording as rendered for the company).
 */
record Grant(Product product, String sourceType, List<UUID> connectionIds, List<String> dataTypes, String text,
        String textVersion, String locale, ConsentChannel channel, String grantedBy, String ipAddress,
        String userAgent) {}
