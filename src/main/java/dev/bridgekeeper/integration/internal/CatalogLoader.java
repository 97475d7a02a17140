package dev.bridgekeeper.integration.internal;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.SourceType;
import dev.bridgekeeper.platform.DataTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the catalog's yaml files and checks them by meaning: unique four-letter keys, the URLs the
 * auth mode needs, known data types and feature states, branding files that exist. Every problem
 * of every file is reported at once, naming the file and the field, and start-up stops.
 */
final class CatalogLoader {

    static final Set<String> FEATURE_TYPES = Set.of("Get", "Post", "Categorization", "Delete", "Put", "GetAsPdf",
            "DownloadAttachment", "GetAttachment", "GetAttachments", "UploadAttachment");
    static final Set<String> FEATURE_STATES = Set.of("Release", "Alpha", "Beta", "Deprecated", "NotSupported",
            "NotImplemented");
    static final List<String> AUTH_MODES = List.of(Integration.Auth.OAUTH2, Integration.Auth.UPLOAD);
    static final Set<String> TOKEN_AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post", "none");
    static final Set<String> REVOCATION_FORMATS = Set.of(Integration.Auth.FORM, Integration.Auth.JSON);
    private static final Pattern KEY = Pattern.compile("[a-z]{4}");
    private static final Pattern URL_NAME = Pattern.compile("[a-z][a-z-]*");
    /** The connector of an entry that names none: platforms whose API already speaks the standard model. */
    static final String DEFAULT_CONNECTOR = "standard-model";

    private final ResourcePatternResolver resources;
    private final UnaryOperator<String> placeholders;
    private final YAMLMapper yaml = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    CatalogLoader(ResourcePatternResolver resources, UnaryOperator<String> placeholders) {
        this.resources = resources;
        this.placeholders = placeholders;
    }

    /**
     * A checked entry with the app credentials its yaml names, if any: the defaults a deployment's configuration
     * and a client's override take precedence over.
     */
    record Loaded(Integration integration, String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "Loaded[" + integration.key() + "]";
        }
    }

    /** Loads every {@code *.yaml} under {@code location}; throws {@link InvalidCatalogException} on any problem. */
    List<Integration> load(String location) {
        return loadEntries(location).stream().map(Loaded::integration).toList();
    }

    /** As {@link #load}, with each entry's catalog credentials. */
    List<Loaded> loadEntries(String location) {
        String base = location.endsWith("/") ? location : location + "/";
        Resource[] files;
        try {
            files = resources.getResources(base + "*.yaml");
        } catch (IOException e) {
            throw new InvalidCatalogException(List.of("Cannot read the catalog at " + location + ": " + e.getMessage()));
        }
        Arrays.sort(files, Comparator.comparing(r -> String.valueOf(r.getFilename())));
        List<String> problems = new ArrayList<>();
        List<Loaded> integrations = new ArrayList<>();
        Map<String, String> fileByKey = new HashMap<>();
        for (Resource file : files) {
            String name = file.getFilename();
            CatalogEntry entry;
            try (InputStream in = file.getInputStream()) {
                String text = placeholders.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                entry = yaml.readValue(text, CatalogEntry.class);
            } catch (IOException | JacksonException | IllegalArgumentException e) {
                problems.add(name + ": cannot be read: " + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            List<String> entryProblems = new ArrayList<>();
            Integration integration = check(entry, base, entryProblems);
            entryProblems.forEach(p -> problems.add(name + ": " + p));
            if (integration == null) {
                continue;
            }
            String previous = fileByKey.putIfAbsent(integration.key(), name);
            if (previous != null) {
                problems.add(name + ": key \"" + integration.key() + "\" is already used by " + previous);
                continue;
            }
            integrations.add(new Loaded(integration, entry.auth().clientId(), entry.auth().clientSecret()));
        }
        if (files.length == 0) {
            problems.add("No catalog files (*.yaml) found at " + location);
        }
        if (!problems.isEmpty()) {
            throw new InvalidCatalogException(problems);
        }
        return List.copyOf(integrations);
    }

    private Integration check(CatalogEntry e, String base, List<String> problems) {
        if (e == null) {
            problems.add("the file is empty");
            return null;
        }
        if (e.key() == null || !KEY.matcher(e.key()).matches()) {
            problems.add("key must be exactly four lowercase letters (got " + quote(e.key()) + ")");
        }
        if (e.name() == null || e.name().isBlank()) {
            problems.add("name is required");
        }
        SourceType sourceType = null;
        try {
            sourceType = e.sourceType() == null ? null : SourceType.valueOf(e.sourceType());
        } catch (IllegalArgumentException ex) {
            // reported below
        }
        if (sourceType == null) {
            problems.add("sourceType must be one of " + Arrays.toString(SourceType.values()) + " (got "
                    + quote(e.sourceType()) + ")");
        }
        UUID integrationId = uuid(e.integrationId(), "integrationId", problems);
        UUID sourceId = uuid(e.sourceId(), "sourceId", problems);
        Integration.Auth auth = checkAuth(e.auth(), problems);
        Map<String, Map<String, String>> dataTypes = checkDataTypes(e.dataTypes(), problems);
        Integration.Branding branding = checkBranding(e.branding(), base, problems);
        requireUrl(e.dataApiUrl(), "dataApiUrl", false, problems);
        Map<String, String> urls = new LinkedHashMap<>();
        if (e.urls() != null) {
            e.urls().forEach((name, url) -> {
                if (!URL_NAME.matcher(String.valueOf(name)).matches()) {
                    problems.add("urls." + name + ": a URL name is lowercase letters and dashes");
                }
                requireUrl(url, "urls." + name, false, problems);
                putUrl(urls, name, url);
            });
        }
        if (e.auth() != null) { // the auth block's URLs are the well-known names
            putUrl(urls, Integration.AUTHORIZE, e.auth().authorizationUrl());
            putUrl(urls, Integration.TOKEN, e.auth().tokenUrl());
            putUrl(urls, Integration.REVOKE, e.auth().revocationUrl());
            putUrl(urls, Integration.IDENTITY, e.auth().identityUrl());
        }
        putUrl(urls, Integration.API_BASE, e.dataApiUrl());
        String connector = e.connector() == null || e.connector().isBlank() ? DEFAULT_CONNECTOR : e.connector().trim();
        if (!problems.isEmpty()) {
            return null;
        }
        return new Integration(e.key(), e.name().trim(), sourceType, integrationId, sourceId,
                Boolean.TRUE.equals(e.sandbox()), Boolean.TRUE.equals(e.beta()), !Boolean.FALSE.equals(e.enabled()),
                e.dataProvidedBy() == null ? "Bridgekeeper" : e.dataProvidedBy(), connector, auth, dataTypes,
                branding, Map.copyOf(urls));
    }

    private static void putUrl(Map<String, String> urls, String name, String url) {
        if (url != null && !url.isBlank()) {
            urls.putIfAbsent(name, trimSlash(url));
        }
    }

    private static String trimSlash(String url) {
        return url == null ? null : url.replaceAll("/+$", "");
    }

    private static Integration.Auth checkAuth(CatalogEntry.Auth auth, List<String> problems) {
        if (auth == null) {
            problems.add("auth is required");
            return null;
        }
        if (auth.mode() == null || !AUTH_MODES.contains(auth.mode())) {
            problems.add("auth.mode must be one of " + AUTH_MODES + " (got " + quote(auth.mode()) + ")");
            return null;
        }
        if (Integration.Auth.UPLOAD.equals(auth.mode())) { // uploaded documents: no vendor, no URLs, no app
            return new Integration.Auth(auth.mode(), "none", Integration.Auth.FORM, List.of());
        }
        requireUrl(auth.authorizationUrl(), "auth.authorizationUrl", true, problems);
        requireUrl(auth.tokenUrl(), "auth.tokenUrl", true, problems);
        requireUrl(auth.revocationUrl(), "auth.revocationUrl", false, problems);
        requireUrl(auth.identityUrl(), "auth.identityUrl", false, problems);
        String method = auth.tokenAuthMethod() == null ? "client_secret_basic" : auth.tokenAuthMethod();
        if (!TOKEN_AUTH_METHODS.contains(method)) {
            problems.add("auth.tokenAuthMethod must be one of " + TOKEN_AUTH_METHODS + " (got " + quote(method) + ")");
        }
        String revocation = auth.revocationFormat() == null ? Integration.Auth.FORM : auth.revocationFormat();
        if (!REVOCATION_FORMATS.contains(revocation)) {
            problems.add("auth.revocationFormat must be one of " + REVOCATION_FORMATS + " (got " + quote(revocation)
                    + ")");
        }
        // app credentials are optional here: a deployment configures them (bridgekeeper.integrations.<key>.*)
        return new Integration.Auth(auth.mode(), method, revocation,
                auth.scopes() == null ? List.of() : List.copyOf(auth.scopes()));
    }

    private static Map<String, Map<String, String>> checkDataTypes(Map<String, Map<String, String>> dataTypes,
            List<String> problems) {
        if (dataTypes == null || dataTypes.isEmpty()) {
            problems.add("dataTypes must list at least one data type");
            return Map.of();
        }
        Map<String, Map<String, String>> checked = new LinkedHashMap<>();
        dataTypes.forEach((dataType, features) -> {
            if (!DataTypes.isKnown(dataType)) {
                problems.add("dataTypes." + dataType + " is not a known data type");
            }
            Map<String, String> states = features == null ? Map.of("Get", "Release") : features;
            states.forEach((feature, state) -> {
                if (!FEATURE_TYPES.contains(feature)) {
                    problems.add("dataTypes." + dataType + "." + feature + " is not a feature type " + FEATURE_TYPES);
                }
                if (!FEATURE_STATES.contains(state)) {
                    problems.add("dataTypes." + dataType + "." + feature + " has unknown state " + quote(state)
                            + "; use one of " + FEATURE_STATES);
                }
            });
            checked.put(dataType, Map.copyOf(states));
        });
        return checked;
    }

    private Integration.Branding checkBranding(CatalogEntry.Branding branding, String base, List<String> problems) {
        if (branding == null || branding.logo() == null) {
            problems.add("branding.logo is required");
            return null;
        }
        String logo = branding.logo();
        String icon = branding.icon() == null ? logo : branding.icon();
        String buttonDefault = branding.buttonDefault() == null ? logo : branding.buttonDefault();
        String buttonHover = branding.buttonHover() == null ? buttonDefault : branding.buttonHover();
        for (String[] file : new String[][] {{"branding.logo", logo}, {"branding.icon", icon},
                {"branding.buttonDefault", buttonDefault}, {"branding.buttonHover", buttonHover}}) {
            if (!file[1].matches("[A-Za-z0-9_.-]+\\.(svg|png)") || !resources.getResource(base + "branding/" + file[1])
                    .exists()) {
                problems.add(file[0] + " must name an .svg or .png file in the catalog's branding/ folder (got "
                        + quote(file[1]) + ")");
            }
        }
        return new Integration.Branding(logo, icon, buttonDefault, buttonHover, branding.alt());
    }

    private static UUID uuid(String value, String field, List<String> problems) {
        try {
            return UUID.fromString(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            problems.add(field + " must be a UUID (got " + quote(value) + ")");
            return null;
        }
    }

    private static void requireUrl(String value, String field, boolean required, List<String> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field + " is required for auth.mode oauth2");
            }
            return;
        }
        try {
            URI uri = new URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(field + " must be an absolute http(s) URL (got " + quote(value) + ")");
            }
        } catch (Exception e) {
            problems.add(field + " is not a valid URL (got " + quote(value) + ")");
        }
    }

    private static String quote(String value) {
        return value == null ? "nothing" : "\"" + value + "\"";
    }
}
