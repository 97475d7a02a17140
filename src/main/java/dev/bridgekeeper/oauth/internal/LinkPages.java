package dev.bridgekeeper.oauth.internal;

import dev.bridgekeeper.connector.Organisation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The few plain pages a customer's browser can land on during linking; no script, escaped text. They work the same
 * in Link's popup or tab and for a lender who sends its customer straight to a linkUrl.
 */
final class LinkPages {

    private LinkPages() {}

    static ResponseEntity<String> page(HttpStatus status, String title, String message, String reference) {
        return html(status, title, "<h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(message)
                + "</p>" + (reference == null || reference.isBlank() ? ""
                        : "<p class=\"reference\">Reference: " + HtmlUtils.htmlEscape(reference) + "</p>"));
    }

    /** Which organisation to connect: one radio button each, posted back with the single-use choice token. */
    static ResponseEntity<String> choice(String token, String platformName, List<Organisation> organisations,
            String error) {
        StringBuilder options = new StringBuilder();
        for (Organisation o : organisations) {
            options.append("<label><input type=\"radio\" name=\"organisation\" required value=\"")
                    .append(HtmlUtils.htmlEscape(o.id())).append("\"> ").append(HtmlUtils.htmlEscape(o.name()))
                    .append("</label>");
        }
        String where = platformName == null ? "your account" : "your " + platformName + " account";
        String body = "<h1>Choose an organisation</h1>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + HtmlUtils.htmlEscape(error) + "</p>")
                + "<p>You gave access to more than one organisation of " + HtmlUtils.htmlEscape(where)
                + ". Choose the one to connect; access to the others is given up.</p>"
                + "<form method=\"post\" action=\"" + LinkFlow.CHOICE_PATH + "\">"
                + "<input type=\"hidden\" name=\"choice\" value=\"" + HtmlUtils.htmlEscape(token) + "\">"
                + "<fieldset><legend>Organisation</legend>" + options + "</fieldset>"
                + "<button type=\"submit\">Connect</button></form>";
        return html(HttpStatus.OK, "Choose an organisation", body);
    }

    private static ResponseEntity<String> html(HttpStatus status, String title, String content) {
        String html = """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title><link rel="stylesheet" href="/assets/pages.css"></head>
                <body><main>%s</main></body></html>
                """.formatted(HtmlUtils.htmlEscape(title), content);
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                // no form-action: after the choice the browser is redirected to the lender, which it would block
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }
}
