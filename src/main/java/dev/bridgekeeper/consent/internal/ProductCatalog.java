package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.consent.Products;
import dev.bridgekeeper.integration.SourceType;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.platform.StartupProblem;
import dev.bridgekeeper.platform.error.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@link Products} from configuration. Every product is checked by meaning when the application starts, and
 * all mistakes are reported together, each with the configuration key to fix, so a bad product never reaches
 * a customer's consent screen.
 */
@Component
@EnableConfigurationProperties(ProductProperties.class)
class ProductCatalog implements Products {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final Map<String, Product> products;
    private final Map<String, List<Product>> byDataType;
    private final Product.ConsentPolicy defaultPolicy;

    ProductCatalog(ProductProperties properties) {
        List<String> problems = new ArrayList<>();
        Map<String, Product> loaded = new LinkedHashMap<>();
        properties.products().forEach((id, definition) -> {
            Product product = check(id, definition, problems);
            if (product != null) {
                loaded.put(id, product);
            }
        });
        Product.ConsentPolicy fallback = policy("bridgekeeper.consent.default-policy",
                withDefaults(properties.consent().defaultPolicy()), problems);
        if (!problems.isEmpty()) {
            throw new StartupProblem("The product configuration has " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
        this.products = Map.copyOf(loaded);
        this.byDataType = all().stream().flatMap(p -> p.dataTypes().stream().map(t -> Map.entry(t, p)))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toUnmodifiableList())));
        this.defaultPolicy = fallback;
    }

    @Override
    public List<Product> all() {
        return products.values().stream().sorted((a, b) -> a.identifier().compareTo(b.identifier())).toList();
    }

    @Override
    public Optional<Product> find(String identifier) {
        return Optional.ofNullable(identifier == null ? null : products.get(identifier));
    }

    @Override
    public Product require(String identifier) {
        return find(identifier).orElseThrow(() -> ApiException.notFound("Product \"" + identifier
                + "\" does not exist; the products are: " + String.join(", ", products.keySet().stream().sorted()
                        .toList()) + "."));
    }

    @Override
    public List<Product> usingDataType(String dataType) {
        return byDataType.getOrDefault(dataType, List.of());
    }

    /** The consent policy of companies without products. */
    Product.ConsentPolicy defaultPolicy() {
        return defaultPolicy;
    }

    private static ProductProperties.Policy withDefaults(ProductProperties.Policy policy) {
        return new ProductProperties.Policy(policy.duration() == null ? Duration.ofDays(365) : policy.duration(),
                policy.sourceTypeDurations() == null ? Map.of("Banking", Duration.ofDays(90))
                        : policy.sourceTypeDurations(),
                policy.reminderLeadTime() == null ? Duration.ofDays(14) : policy.reminderLeadTime());
    }

    private static Product check(String id, ProductProperties.Definition d, List<String> problems) {
        String key = "bridgekeeper.products." + id;
        int before = problems.size();
        if (!IDENTIFIER.matcher(id).matches()) {
            problems.add(key + ": the identifier must be lower-case letters, digits and dashes (at most 63).");
        }
        if (blank(d.name())) {
            problems.add(key + ".name is required: the product's name, e.g. \"Lending\".");
        }
        if (blank(d.purpose())) {
            problems.add(key + ".purpose is required: one sentence on what the data is used for.");
        }
        Map<String, Product.SourceRequirement> sources = new LinkedHashMap<>();
        if (d.sourceTypes() == null || d.sourceTypes().isEmpty()) {
            problems.add(key + ".source-types is required: at least one of " + sourceTypeNames() + ".");
        } else {
            d.sourceTypes().forEach((name, source) -> {
                String sourceKey = key + ".source-types." + name;
                Optional<SourceType> type = sourceType(name);
                if (type.isEmpty()) {
                    problems.add(sourceKey + ": \"" + name + "\" is not a source type; use one of "
                            + sourceTypeNames() + ".");
                    return;
                }
                List<String> dataTypes = source == null || source.dataTypes() == null ? List.of()
                        : source.dataTypes();
                if (dataTypes.isEmpty()) {
                    problems.add(sourceKey + ".data-types is required: the data types read from this source type.");
                }
                for (String dataType : dataTypes) {
                    if (!DataTypes.isSynced(dataType)) {
                        problems.add(sourceKey + ".data-types: \"" + dataType + "\" is not a data type Bridgekeeper"
                                + " syncs; use one of " + String.join(", ", DataTypes.syncedNames()) + ".");
                    }
                }
                sources.put(type.get().name(), new Product.SourceRequirement(
                        source == null || source.required() == null || source.required(), List.copyOf(dataTypes)));
            });
            if (!sources.isEmpty() && sources.values().stream().noneMatch(Product.SourceRequirement::required)) {
                problems.add(key + ".source-types: at least one source type must be required.");
            }
        }
        ProductProperties.Texts texts = d.consentTexts();
        if (texts == null) {
            problems.add(key + ".consent-texts is required: version, purpose, access, account-information,"
                    + " platform-data and retention.");
        } else {
            requireText(problems, key + ".consent-texts.version", texts.version());
            requireText(problems, key + ".consent-texts.purpose", texts.purpose());
            requireText(problems, key + ".consent-texts.access", texts.access());
            requireText(problems, key + ".consent-texts.account-information", texts.accountInformation());
            requireText(problems, key + ".consent-texts.platform-data", texts.platformData());
            requireText(problems, key + ".consent-texts.retention", texts.retention());
        }
        if (d.retention() == null || d.retention().isNegative()) {
            problems.add(key + ".retention is required: how long cached data is kept after consent is revoked"
                    + " (ISO-8601 duration, e.g. P30D; PT0S deletes it at once).");
        }
        Product.ConsentPolicy policy = d.consentPolicy() == null
                ? fail(problems, key + ".consent-policy is required: duration and reminder-lead-time.")
                : policy(key + ".consent-policy", d.consentPolicy(), problems);
        if (problems.size() > before) {
            return null;
        }
        return new Product(id, d.name(), d.purpose(), Map.copyOf(sources),
                new Product.ConsentTexts(texts.version(), texts.locale() == null ? "en-GB" : texts.locale(),
                        texts.purpose(), texts.access(), texts.accountInformation(), texts.platformData(),
                        texts.retention()),
                d.retention(), policy);
    }

    private static Product.ConsentPolicy policy(String key, ProductProperties.Policy p, List<String> problems) {
        if (p.duration() == null || p.duration().isNegative() || p.duration().isZero()) {
            problems.add(key + ".duration is required: how long a consent lasts (ISO-8601, e.g. P365D).");
            return null;
        }
        Map<String, Duration> bySource = new LinkedHashMap<>();
        if (p.sourceTypeDurations() != null) {
            p.sourceTypeDurations().forEach((name, duration) -> {
                Optional<SourceType> type = sourceType(name);
                if (type.isEmpty()) {
                    problems.add(key + ".source-type-durations: \"" + name + "\" is not a source type; use one of "
                            + sourceTypeNames() + ".");
                } else if (duration == null || duration.isNegative() || duration.isZero()) {
                    problems.add(key + ".source-type-durations." + name + " must be a positive duration.");
                } else {
                    bySource.put(type.get().name(), duration);
                }
            });
        }
        Duration lead = p.reminderLeadTime() == null ? Duration.ZERO : p.reminderLeadTime();
        if (lead.isNegative()) {
            problems.add(key + ".reminder-lead-time must not be negative.");
        }
        Duration shortest = bySource.values().stream().reduce(p.duration(), (a, b) -> a.compareTo(b) < 0 ? a : b);
        if (lead.compareTo(shortest) >= 0) {
            problems.add(key + ".reminder-lead-time (" + lead + ") must be shorter than the shortest consent duration ("
                    + shortest + ").");
        }
        return new Product.ConsentPolicy(p.duration(), Map.copyOf(bySource), lead);
    }

    private static <T> T fail(List<String> problems, String problem) {
        problems.add(problem);
        return null;
    }

    private static void requireText(List<String> problems, String key, String value) {
        if (blank(value)) {
            problems.add(key + " is required.");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static Optional<SourceType> sourceType(String name) {
        return Arrays.stream(SourceType.values())
                .filter(t -> t.name().toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    static String sourceTypeNames() {
        return Arrays.stream(SourceType.values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
