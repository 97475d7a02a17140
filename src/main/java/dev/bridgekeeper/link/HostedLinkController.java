package dev.bridgekeeper.link;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.CompanyTokens;
import dev.bridgekeeper.settings.Profile;
import dev.bridgekeeper.settings.ProfileSettings;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Hosted Link: the company's {@code redirect} URL, the same journey full-page.
 *
 * <p>Unprotected (the default), the URL works as sent, as Codat's does: the page gets a Hosted Link token
 * for the company, which runs the Link journey (see the lender's name, list the platforms, start a
 * connection, record the consent for it, watch it) and reaches no other endpoint: no data, no consent
 * records, no disconnecting. A company access token in the URL fragment ({@code #token=...}) still works.
 *
 * <p>When the profile sets {@code hostedLinkRequiresToken}, the page runs only with a one-time link token
 * ({@code ?token=hlt_...}, from {@code POST /companies/{companyId}/hostedLink/token}). Opening the link only
 * looks at the token (mail scanners and link previews open links too); the customer's "Get started" redeems
 * it ({@code POST /link/{companyId}}) for a Hosted Link token that the tab keeps, so the return from the
 * platform to the bare page carries on and the URL is worthless once used or expired.
 *
 * <p>{@code ?start=upload} (where an upload connection's linkUrl leads) opens the journey on its upload screen.
 */
@RestController
@Hidden
class HostedLinkController {

    static final String PATH = "/link/{companyId:[0-9a-fA-F-]{36}}";
    /** The {@code start} parameter's one value: the upload screen first (an upload connection's linkUrl). */
    static final String START_UPLOAD = "upload";

    /** The page's only inline style (allowed by its hash): no margin, so the journey fills the window exactly. */
    private static final String PAGE_STYLE = "html,body{margin:0;padding:0;background:#fff}";
    private static final String PAGE_STYLE_HASH = "'sha256-" + sha256(PAGE_STYLE) + "'";
    private static final String USED_TEXT =
            "For your security each link opens once. Ask the company that sent it for a new one.";
    private static final String EXPIRED_TEXT =
            "For your security links only work for a short time. Ask the company that sent it for a new one.";
    private static final String UNKNOWN_TEXT =
            "Check that you opened the whole link, or ask the company that sent it for a new one.";
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

    /** What the page posts to redeem its one-time link token. */
    record Redemption(String token) {}

    /** The Hosted Link token a redeemed link token is exchanged for. */
    record Redeemed(String accessToken, long expiresIn) {}

    @GetMapping(value = HostedLinkController.PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable UUID companyId, @RequestParam(required = false) String token,
            @RequestParam(required = false) String start) {
        // ?start=upload: an upload connection's linkUrl led here; the journey opens on its upload screen
        String upload = START_UPLOAD.equals(start) ? " start=\"upload\"" : "";
        Optional<ClientId> owner = companies.ownerOf(CompanyId.of(companyId));
        if (owner.isEmpty()) {
            return refusal(HttpStatus.NOT_FOUND, "This link is not valid", UNKNOWN_TEXT);
        }
        Profile profile = profiles.profile(owner.get());
        if (token != null) {
            // only a look: the token is spent when the customer starts, never by opening the link
            HostedLinkTokens.Redeemed found = linkTokens.check(companyId, token);
            return switch (found.outcome()) {
                case OK -> journey(companyId, profile, " link-token=\"" + HtmlUtils.htmlEscape(token) + "\"" + upload);
                case USED -> refusal(HttpStatus.GONE, "This link has already been used", USED_TEXT);
                case EXPIRED -> refusal(HttpStatus.GONE, "This link has expired", EXPIRED_TEXT);
                case UNKNOWN -> refusal(HttpStatus.FORBIDDEN, "This link is not valid", UNKNOWN_TEXT);
            };
        }
        if (profile.requiresHostedLinkToken()) {
            // a tab that redeemed its link (and comes back from the platform) carries on with what it keeps;
            // any other visitor gets nothing to call the API with, and the page tells them to open their link
            return journey(companyId, profile, " protected" + upload);
        }
        String hostedToken = companyTokens.issueForHostedLink(owner.get().value(), companyId).token();
        return journey(companyId, profile, " access-token=\"" + HtmlUtils.htmlEscape(hostedToken) + "\"" + upload);
    }

    @PostMapping(value = HostedLinkController.PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Redeemed> redeem(@PathVariable UUID companyId, @RequestBody(required = false) Redemption body) {
        if (body == null || body.token() == null || body.token().isBlank()) {
            throw ApiException.badRequest("token", "\"token\" is required: the link token from the page's address.");
        }
        HostedLinkTokens.Redeemed redeemed = linkTokens.redeem(companyId, body.token());
        return switch (redeemed.outcome()) {
            case OK -> {
                CompanyTokens.Issued issued = companyTokens.issueForHostedLink(redeemed.clientId(), companyId);
                yield ResponseEntity.ok().cacheControl(CacheControl.noStore())
                        .body(new Redeemed(issued.token(), issued.expiresInSeconds()));
            }
            case USED -> throw new ApiException(HttpStatus.GONE, "This link has already been used. " + USED_TEXT);
            case EXPIRED -> throw new ApiException(HttpStatus.GONE, "This link has expired. " + EXPIRED_TEXT);
            case UNKNOWN -> throw ApiException.forbidden("This link is not valid. " + UNKNOWN_TEXT);
        };
    }

    private static ResponseEntity<String> journey(UUID companyId, Profile profile, String credential) {
        String lender = profile.name() == null || profile.name().isBlank() ? ""
                : " lender-name=\"" + HtmlUtils.htmlEscape(profile.name()) + "\"";
        String logoOrigin = httpsOrigin(profile.logoUrl());
        String logo = logoOrigin == null ? "" : " lender-logo=\"" + HtmlUtils.htmlEscape(profile.logoUrl()) + "\"";
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="no-referrer">
                <title>Connect your accounts</title>
                <style>%s</style>
                <script type="module" src="/link/sdk.js"></script>
                </head>
                <body>
                <bridgekeeper-link hosted company-id="%s"%s%s%s></bridgekeeper-link>
                <noscript><p>This page needs JavaScript to connect your accounts. Turn it on and open the link \
                again.</p></noscript>
                </body>
                </html>
                """.formatted(PAGE_STYLE, companyId, lender, logo, credential);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", csp(logoOrigin))
                .header("Referrer-Policy", "no-referrer")
                .contentType(MediaType.TEXT_HTML)
                .body(html);
    }

    /** The page's policy: our own script and API only; images also from the lender's logo origin (https only). */
    static String csp(String logoOrigin) {
        return "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:"
                + (logoOrigin == null ? "" : " " + logoOrigin) + "; style-src 'self' " + PAGE_STYLE_HASH
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** https://host[:port] of an https URL; null for anything else, so the policy never names another scheme. */
    static String httpsOrigin(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(url.trim());
            String host = uri.getHost();
            if (!"https".equalsIgnoreCase(uri.getScheme()) || host == null || uri.getRawUserInfo() != null
                    || !host.matches("[A-Za-z0-9.-]+")) {
                return null;
            }
            return "https://" + host.toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
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

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
