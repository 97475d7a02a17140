package dev.bridgekeeper.sandbox.internal;

import java.util.Optional;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The sandbox's HTML, built as plain strings: every value from a request or a user is escaped on
 * the way in, pages work without JavaScript and carry no inline script or style (the CSP forbids both).
 */
final class SandboxPages {

    static final String FALLBACK_TITLE = "Bridgekeeper Sandbox";
    static final String STYLESHEET_PATH = "/sandbox/assets/sandbox.css";

    private final String contextPath;

    SandboxPages(String contextPath) {
        this.contextPath = contextPath == null ? "" : contextPath;
    }

    String login(Optional<SandboxPlatform> platform, boolean failed, boolean signedOut, CsrfToken csrf) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Sign in</h1>");
        if (failed) {
            body.append("<p class=\"error\" role=\"alert\">Incorrect username or password</p>");
        }
        if (signedOut) {
            body.append("<p class=\"notice\" role=\"status\">You have signed out.</p>");
        }
        body.append("<form method=\"post\" action=\"").append(attr(contextPath + "/sandbox/login")).append("\">")
                .append("<label for=\"username\">Username</label>")
                .append("<input type=\"text\" id=\"username\" name=\"username\" autocomplete=\"username\""
                        + " autocapitalize=\"none\" spellcheck=\"false\" required autofocus>")
                .append("<label for=\"password\">Password</label>")
                .append("<input type=\"password\" id=\"password\" name=\"password\""
                        + " autocomplete=\"current-password\" required>")
                .append(csrfField(csrf))
                .append("<div class=\"actions\"><button type=\"submit\">Sign in</button></div>")
                .append("</form>")
                .append("<p class=\"notice\">This is a sandbox: no real data. Sign in as <code>user_good</code>"
                        + " with password <code>pass_good</code>.</p>");
        return page("Sign in", platform, false, body.toString());
    }

    String consent(SandboxPlatform platform, String clientName, String username, String organisationName,
            String clientId, String state, CsrfToken csrf) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Allow ").append(text(clientName)).append(" to read your ")
                .append(text(platform.dataKind())).append(" data?</h1>")
                .append("<p>").append(text(clientName)).append(" wants <strong>read-only</strong> access to your ")
                .append(text(platform.dataKind())).append(" data: ")
                .append(text(String.join(", ", platform.dataShared()))).append(".</p>")
                .append("<p>").append(text(clientName)).append(" will be able to read this data for <strong>")
                .append(text(organisationName)).append("</strong> until you withdraw access. It will not be able"
                        + " to change anything.</p>")
                .append("<p class=\"muted\">Signed in as ").append(text(username)).append(".</p>")
                .append("<form method=\"post\" action=\"")
                .append(attr(contextPath + platform.issuerPath() + "/oauth2/authorize")).append("\">")
                .append(hidden("client_id", clientId))
                .append(hidden("state", state))
                .append(csrfField(csrf))
                .append("<div class=\"actions\">")
                // Only the clicked button is submitted: "Allow access" sends the scope, "Deny" sends none.
                .append("<button type=\"submit\" name=\"scope\" value=\"").append(attr(platform.scope()))
                .append("\">Allow access</button>")
                .append("<button type=\"submit\" class=\"secondary\">Deny</button>")
                .append("</div></form>");
        return page("Allow access", Optional.of(platform), false, body.toString());
    }

    String home(Optional<String> signedInAs, String publicBase, CsrfToken csrf) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Bridgekeeper sandbox platforms</h1>")
                .append("<p>Three OAuth 2.0 authorization servers for trying Bridgekeeper and testing how it copes"
                        + " with expiring and revoked tokens. Connect to them from Bridgekeeper; the data is made up.</p>")
                .append("<table><thead><tr><th>Platform</th><th>Issuer</th><th>Scope</th></tr></thead><tbody>");
        for (SandboxPlatform platform : SandboxPlatform.values()) {
            body.append("<tr><td>").append(text(platform.displayName())).append("</td><td><code>")
                    .append(text(publicBase + platform.issuerPath())).append("</code></td><td><code>")
                    .append(text(platform.scope())).append("</code></td></tr>");
        }
        body.append("</tbody></table>")
                .append("<h2>Test users</h2><p>Every user's password is <code>pass_good</code>.</p>")
                .append("<table><tbody>");
        for (SandboxUser user : SandboxUser.values()) {
            body.append(userRow(user.username(), user.behaviour()));
        }
        body.append(userRow("anyone else", "Sign-in fails with \u201cIncorrect username or password\u201d."))
                .append("</tbody></table>");
        signedInAs.ifPresent(user -> body.append("<form method=\"post\" action=\"")
                .append(attr(contextPath + "/sandbox/logout")).append("\">")
                .append("<p class=\"muted\">Signed in as ").append(text(user)).append(".</p>")
                .append(csrfField(csrf))
                .append("<button type=\"submit\" class=\"secondary\">Sign out</button></form>"));
        return page(FALLBACK_TITLE, Optional.empty(), true, body.toString());
    }

    /** A dead end the user can only leave by going back to the application that sent them. */
    String problem(Optional<SandboxPlatform> platform, String heading, String explanation) {
        String body = "<h1>" + text(heading) + "</h1><p>" + text(explanation) + "</p>"
                + "<p class=\"muted\">Go back to the application that sent you here and start again.</p>";
        return page(heading, platform, false, body);
    }

    private static String userRow(String user, String behaviour) {
        return "<tr><th><code>" + text(user) + "</code></th><td>" + text(behaviour) + "</td></tr>";
    }

    private String page(String title, Optional<SandboxPlatform> platform, boolean wide, String body) {
        String platformName = platform.map(SandboxPlatform::displayName).orElse(FALLBACK_TITLE);
        String bodyClass = platform.map(p -> "platform-" + p.slug()).orElse("platform-none");
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + text(title + " \u2013 " + platformName) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + attr(contextPath + STYLESHEET_PATH) + "\">"
                + "</head><body class=\"" + attr(bodyClass) + "\">"
                + "<main" + (wide ? " class=\"wide\"" : "") + ">"
                + "<header><p class=\"platform\">" + text(platformName) + "<span class=\"tag\">Sandbox</span></p></header>"
                + "<section>" + body + "</section></main></body></html>\n";
    }

    private static String csrfField(CsrfToken csrf) {
        return csrf == null ? "" : hidden(csrf.getParameterName(), csrf.getToken());
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + attr(name) + "\" value=\"" + attr(value) + "\">";
    }

    private static String text(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value, "UTF-8");
    }

    private static String attr(String value) {
        return text(value);
    }
}
