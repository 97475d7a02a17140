package dev.bridgekeeper.link;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.CompanyTokens;
import dev.bridgekeeper.settings.ProfileSettings;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Hosted Link: the company's {@code redirect} URL, the same journey full-page.
 *
 * <p>Unprotected (the default), the page holds nothing secret and needs no credential; the company
 * access token travels in the URL fragment ({@code /link/{companyId}#token=...}), which browsers
 * never send to a server, so it stays out of access logs and Referer headers.
 *
 * <p>When the profile sets {@code hostedLinkRequiresToken}, the page opens only with a one-time link
 * token ({@code ?token=hlt_...}, from {@code POST /companies/{companyId}/hostedLink/token}): the
 * server redeems it and hands the page a fresh company access token, so the URL a customer was sent
 * is worthless once used or expired.
 */
@RestController
@Hidden
class HostedLinkController {

    static final String PATH = "/link/{companyId:[0-9a-fA-F-]{36}}";

    private static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self';"
            + " img-src 'self' data:; style-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
    private static final String REFUSAL_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    private final CompanyDirectory companies;
    private final ProfileSettings profiles;
    private final HostedLinkTokens linkTokens;
    private final CompanyTokens companyTokens;

    HostedLinkController(CompanyDirectory companies, ProfileSettings profiles, HostedLinkTokens linkTokens,
            CompanyTokens companyTokens) {
        this.companies = companies;
        this.profiles = profiles;
        this.linkTokens = linkTokens;
        this.companyTokens = companyTokens;
    }

    @GetMapping(value = HostedLinkController.PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable UUID companyId, @RequestParam(required = false) String token) {
        if (token != null) {
            HostedLinkTokens.Redeemed redeemed = linkTokens.redeem(companyId, token);
            return switch (redeemed.outcome()) {
                case OK -> journey(companyId, companyTokens.issue(redeemed.clientId(), companyId).token());
                case USED -> refusal(HttpStatus.GONE, "This link has already been used",
                        "For your security each link opens once. Ask the company that sent it for a new one.");
                case EXPIRED -> refusal(HttpStatus.GONE, "This link has expired",
                        "For your security links only work for a short time. Ask the company that sent it for a"
                                + " new one.");
                case UNKNOWN -> refusal(HttpStatus.FORBIDDEN, "This link is not valid",
                        "Check that you opened the whole link, or ask the company that sent it for a new one.");
            };
        }
        Optional<ClientId> owner = companies.ownerOf(CompanyId.of(companyId));
        if (owner.isPresent() && profiles.profile(owner.get()).requiresHostedLinkToken()) {
            return refusal(HttpStatus.FORBIDDEN, "Open the link you were sent",
                    "This page only opens from the personal link the company sent you. Ask them for a new one.");
        }
        return journey(companyId, null);
    }

    private static ResponseEntity<String> journey(UUID companyId, String accessToken) {
        String tokenAttribute = accessToken == null ? ""
                : " access-token=\"" + HtmlUtils.htmlEscape(accessToken) + "\"";
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
                <bridgekeeper-link hosted company-id="%s"%s></bridgekeeper-link>
                </body>
                </html>
                """.formatted(companyId, tokenAttribute);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "no-referrer")
                .contentType(MediaType.TEXT_HTML)
                .body(html);
    }

    private static ResponseEntity<String> refusal(HttpStatus status, String title, String message) {
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>%1$s</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;color:#1b1f24;max-width:520px;margin:12vh auto;\
                padding:0 20px}h1{font-size:1.4rem}</style>
                </head>
                <body>
                <main>
                <h1>%1$s</h1>
                <p>%2$s</p>
                </main>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(message));
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", REFUSAL_CSP)
                .header("Referrer-Policy", "no-referrer")
                .contentType(MediaType.TEXT_HTML)
                .body(html);
    }
}
