package dev.bridgekeeper.link;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hosted Link: the company's {@code redirect} URL, the same journey full-page. The page itself holds
 * nothing secret and needs no credential; the company access token travels in the URL fragment
 * ({@code /link/{companyId}#token=...}), which browsers never send to a server, so it stays out of
 * access logs and Referer headers. The SDK reads it and removes it from the address bar.
 */
@RestController
@Hidden
class HostedLinkController {

    static final String PATH = "/link/{companyId:[0-9a-fA-F-]{36}}";

    private static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    @GetMapping(value = HostedLinkController.PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable UUID companyId) {
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>Connect your accounts</title>
                <script type="module" src="/link/sdk.js"></script>
                </head>
                <body>
                <bridgekeeper-link hosted company-id="%s"></bridgekeeper-link>
                </body>
                </html>
                """.formatted(companyId);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "no-referrer")
                .contentType(MediaType.TEXT_HTML)
                .body(html);
    }
}
