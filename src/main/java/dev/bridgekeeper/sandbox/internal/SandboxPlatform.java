package dev.bridgekeeper.sandbox.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three sandbox platforms. Each is its own issuer ({@code /sandbox/{slug}}) and grants exactly
 * one scope, so a token or grant always belongs to one platform.
 */
enum SandboxPlatform {

    ACCOUNTING("accounting", "Sandbox Accounting", "accounting",
            List.of("company information", "chart of accounts", "customers and suppliers", "invoices and bills",
                    "payments and bill payments", "credit notes and supplier credit notes", "purchase orders",
                    "journals and journal entries", "bank accounts and their transactions",
                    "direct costs, direct incomes and transfers", "tax rates, tracking categories, items and"
                    + " payment methods", "balance sheet and profit and loss reports")),
    BANKING("banking", "Sandbox Banking", "banking",
            List.of("company information", "bank accounts", "account balances", "transactions",
                    "transaction categories")),
    COMMERCE("commerce", "Sandbox Commerce", "commerce",
            List.of("company information", "customers", "orders", "products", "payments", "transactions"));

    private static final Pattern SANDBOX_PATH = Pattern.compile("^/sandbox/([a-z]+)(/.*)?$");

    private final String slug;
    private final String displayName;
    private final String dataKind;
    private final List<String> dataShared;

    SandboxPlatform(String slug, String displayName, String dataKind, List<String> dataShared) {
        this.slug = slug;
        this.displayName = displayName;
        this.dataKind = dataKind;
        this.dataShared = dataShared;
    }

    String slug() {
        return slug;
    }

    String displayName() {
        return displayName;
    }

    /** The one scope this platform grants, e.g. {@code accounting.read}. */
    String scope() {
        return slug + ".read";
    }

    /** Path of the issuer, e.g. {@code /sandbox/accounting}. */
    String issuerPath() {
        return "/sandbox/" + slug;
    }

    /** "accounting", "banking", "commerce": the words the consent page uses. */
    String dataKind() {
        return dataKind;
    }

    /** What a grant of {@link #scope()} lets the client read, in plain words. */
    List<String> dataShared() {
        return dataShared;
    }

    static Optional<SandboxPlatform> bySlug(String slug) {
        return Arrays.stream(values()).filter(p -> p.slug.equals(slug)).findFirst();
    }

    static Optional<SandboxPlatform> byScope(String scope) {
        return Arrays.stream(values()).filter(p -> p.scope().equals(scope)).findFirst();
    }

    /** The platform a path such as {@code /sandbox/banking/oauth2/token} belongs to. */
    static Optional<SandboxPlatform> fromPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher m = SANDBOX_PATH.matcher(path);
        return m.matches() ? bySlug(m.group(1)) : Optional.empty();
    }

    /** The platform of an absolute URL or issuer, e.g. {@code http://host/sandbox/accounting}. */
    static Optional<SandboxPlatform> fromUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return fromPath(URI.create(url).getPath());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
