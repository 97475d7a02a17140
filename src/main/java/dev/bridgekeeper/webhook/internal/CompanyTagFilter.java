package dev.bridgekeeper.webhook.internal;

import java.util.List;
import java.util.Map;

/**
 * A consumer's {@code companyTags} filter: {@code key:value} strings, case-sensitive. No filter lets
 * every company through; otherwise any one matching tag is enough.
 */
final class CompanyTagFilter {

    private CompanyTagFilter() {}

    static boolean matches(List<String> filter, Map<String, String> companyTags) {
        if (filter == null || filter.isEmpty()) {
            return true;
        }
        if (companyTags == null || companyTags.isEmpty()) {
            return false;
        }
        for (String tag : filter) {
            int colon = tag.indexOf(':');
            if (colon > 0 && tag.substring(colon + 1).equals(companyTags.get(tag.substring(0, colon)))) {
                return true;
            }
        }
        return false;
    }
}
