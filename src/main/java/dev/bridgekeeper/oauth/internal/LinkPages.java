package dev.bridgekeeper.oauth.internal;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/** The few plain pages a customer's browser can land on during linking; no script, escaped text. */
final class LinkPages {

    private LinkPages() {}

    static ResponseEntity<String> page(HttpStatus status, String title, String message, String reference) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title><link rel="stylesheet" href="/assets/pages.css"></head>
                <body><main><h1>%s</h1><p>%s</p>%s</main></body></html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(message),
                reference == null || reference.isBlank() ? ""
                        : "<p class=\"reference\">Reference: " + HtmlUtils.htmlEscape(reference) + "</p>");
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }
}
