package dev.bridgekeeper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that follows no redirects by itself, so a test can walk a browser
 * journey one hop at a time and look at every Location on the way.
 */
public final class Browser {

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<(input|button)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:-]+)\\s*=\\s*\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    public HttpResponse<String> getWithBearer(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build());
    }

    public HttpResponse<String> postFormWithBasic(String url, Map<String, String> fields, String basic) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.ofString(formBody(fields)))
                .build());
    }

    private static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public HttpResponse<String> postForm(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Follows redirects from {@code response} until one leaves {@code prefix} (or a page is reached). */
    public HttpResponse<String> followWhile(HttpResponse<String> response, String prefix) {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && isRedirect(current); hops++) {
            String next = location(current);
            if (!next.startsWith(prefix)) {
                return current;
            }
            current = get(next);
        }
        return current;
    }

    public static boolean isRedirect(HttpResponse<String> response) {
        return response.statusCode() / 100 == 3;
    }

    /** The absolute Location of a redirect. */
    public static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElseThrow(
                () -> new AssertionError("No Location in " + response.statusCode() + " " + response.uri()));
        return response.uri().resolve(location).toString();
    }

    /** A form of the page: its absolute action and the values its inputs carry. */
    public record Form(String action, Map<String, String> fields, Map<String, String> buttons) {

        /** The fields plus the named button a person would click. */
        public Map<String, String> clicking(String buttonName) {
            Map<String, String> values = new LinkedHashMap<>(fields);
            if (buttonName != null && buttons.containsKey(buttonName)) {
                values.put(buttonName, buttons.get(buttonName));
            }
            return values;
        }
    }

    /** The first form whose content contains {@code marker} (e.g. a button label). */
    public static Form form(HttpResponse<String> page, String marker) {
        Matcher forms = FORM.matcher(page.body());
        while (forms.find()) {
            if (!forms.group(2).contains(marker)) {
                continue;
            }
            Map<String, String> formAttributes = attributes(forms.group(1));
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, String> buttons = new LinkedHashMap<>();
            Matcher inputs = INPUT.matcher(forms.group(2));
            while (inputs.find()) {
                Map<String, String> a = attributes(inputs.group(2));
                String name = a.get("name");
                if (name == null) {
                    continue;
                }
                String type = a.getOrDefault("type", inputs.group(1).equalsIgnoreCase("button") ? "submit" : "text");
                if (inputs.group(1).equalsIgnoreCase("button") || type.equals("submit")) {
                    buttons.put(name, a.getOrDefault("value", ""));
                } else if (!(type.equals("checkbox") || type.equals("radio")) || a.containsKey("checked")) {
                    fields.put(name, unescape(a.getOrDefault("value", "")));
                }
            }
            String action = unescape(formAttributes.getOrDefault("action", page.uri().toString()));
            return new Form(page.uri().resolve(action).toString(), fields, buttons);
        }
        throw new AssertionError("No form containing \"" + marker + "\" on " + page.uri() + ":\n" + page.body());
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) {
            attributes.put(m.group(1).toLowerCase(), m.group(2));
        }
        if (text.matches("(?s).*\\bchecked\\b.*")) {
            attributes.putIfAbsent("checked", "checked");
        }
        return attributes;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#x2F;", "/").replace("&#x3D;", "=");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
