package dev.bridgekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Markdown documentation stays navigable: every relative link (and its #heading) resolves, and the
 * configuration reference has a row, with the right default, for every bridgekeeper.* key of application.yaml.
 */
class DocumentationTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path CONFIGURATION = Path.of("docs/reference/configuration.md");
    private static final Path APPLICATION_YAML = Path.of("src/main/resources/application.yaml");
    /** Build output, installed packages and local state: not documentation, and not ours. */
    private static final Set<String> NOT_DOCS = Set.of("node_modules", "target", "dist", "data");

    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern INLINE_LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern REFERENCE_LINK = Pattern.compile("(?m)^\\s*\\[[^\\]]+\\]:\\s*(\\S+)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern KEY_ROW = Pattern.compile("(?m)^\\| `(bridgekeeper\\.[^`]+)` \\| ([^|]*) \\|");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):(.*)}");

    @Test
    void everyRelativeLinkInTheMarkdownResolves() throws IOException {
        List<Path> files = markdownFiles();
        assertThat(files).as("the Markdown files under " + ROOT)
                .contains(ROOT.resolve("README.md"), ROOT.resolve("docs/README.md"));
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchors = new HashMap<>();
        for (Path file : files) {
            String text = FENCE.matcher(Files.readString(file)).replaceAll("");
            text = CODE_SPAN.matcher(text).replaceAll("");
            for (String target : links(text)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || target.startsWith("//")) {
                    continue; // https:, mailto: and the like are not checked here
                }
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved = path.isEmpty() ? file
                        : file.getParent().resolve(URLDecoder.decode(path, StandardCharsets.UTF_8)).normalize();
                String where = ROOT.relativize(file) + ": (" + target + ")";
                if (!Files.exists(resolved)) {
                    broken.add(where + " points at a missing " + ROOT.relativize(resolved));
                } else if (anchor != null && resolved.toString().endsWith(".md")
                        && !anchors.computeIfAbsent(resolved, DocumentationTest::headingAnchors).contains(anchor)) {
                    broken.add(where + " names a heading that " + ROOT.relativize(resolved) + " does not have");
                }
            }
        }
        assertThat(broken).as("broken relative links in the Markdown files").isEmpty();
    }

    @Test
    void theConfigurationReferenceHasEveryKeyOfApplicationYamlWithItsDefault() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = KEY_ROW.matcher(Files.readString(CONFIGURATION));
        while (row.find()) {
            documented.put(row.group(1), row.group(2).trim());
        }
        Map<String, Object> yaml = new Yaml().load(Files.readString(APPLICATION_YAML));
        Map<String, String> keys = new LinkedHashMap<>();
        flatten("bridgekeeper", yaml.get("bridgekeeper"), keys);
        assertThat(keys).as("keys read from application.yaml").containsKey("bridgekeeper.public-url");

        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Map.Entry<String, String> key : keys.entrySet()) {
            String documentedAs = documentedAs(key.getKey(), documented);
            if (documentedAs == null) {
                problems.add("missing row: | `" + key.getKey() + "` | " + cell(key.getValue()) + " | | `"
                        + environmentVariable(key.getKey()) + "` | <the comment from application.yaml> |");
                continue;
            }
            used.add(documentedAs);
            if (documentedAs.equals(key.getKey()) && !documented.get(documentedAs).equals(cell(key.getValue()))) {
                problems.add(key.getKey() + ": the reference says " + documented.get(documentedAs)
                        + ", application.yaml says " + cell(key.getValue()));
            }
        }
        documented.keySet().stream().filter(k -> !used.contains(k))
                .forEach(k -> problems.add("row for a key application.yaml does not have: " + k));
        assertThat(problems).as(CONFIGURATION + " against " + APPLICATION_YAML).isEmpty();
    }

    /** Every *.md of the repository outside build output, installed packages and hidden folders. */
    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> ROOT.relativize(p).getNameCount() > 0)
                    .filter(p -> {
                        for (Path part : ROOT.relativize(p).getParent() == null ? List.<Path>of()
                                : ROOT.relativize(p).getParent()) {
                            if (NOT_DOCS.contains(part.toString()) || part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        }
    }

    private static List<String> links(String text) {
        List<String> links = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_LINK)) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                links.add(target.startsWith("<") && target.endsWith(">") ? target.substring(1, target.length() - 1)
                        : target);
            }
        }
        return links;
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as dashes, -1… for repeats. */
    private static Set<String> headingAnchors(Path file) {
        String text;
        try {
            text = FENCE.matcher(Files.readString(file)).replaceAll("");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(text);
        while (heading.find()) {
            String words = heading.group(1).replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "");
            String slug = words.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int repeat = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
        }
        return anchors;
    }

    /** Leaf keys with their yaml value as text; an empty map (a map left to the reader to fill) is a leaf too. */
    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Map<String, String> out) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            ((Map<String, Object>) map).forEach((k, v) -> flatten(prefix + "." + k, v, out));
        } else {
            out.put(prefix, value instanceof Map<?, ?> ? "{}" : String.valueOf(value == null ? "" : value));
        }
    }

    /** The row that documents a key: its own, or that of the map it belongs to (bridgekeeper.products, …). */
    private static String documentedAs(String key, Map<String, String> documented) {
        for (String candidate = key; candidate.contains("."); candidate = candidate.substring(0, candidate.lastIndexOf('.'))) {
            if (documented.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** How the reference writes a default: `value`, or "empty"; ${ENV:default} placeholders by their default. */
    private static String cell(String yamlValue) {
        Matcher placeholder = PLACEHOLDER.matcher(yamlValue);
        String value = placeholder.matches() ? placeholder.group(2) : yamlValue;
        return value.isEmpty() ? "empty" : "`" + value + "`";
    }

    /** Spring's relaxed form: bridgekeeper.sync.page-size -> BRIDGEKEEPER_SYNC_PAGESIZE. */
    private static String environmentVariable(String key) {
        return key.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
