package dev.bridgekeeper.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.support.Browser;
import java.net.http.HttpResponse;
import java.util.Map;

/** A customer's trip through a sandbox platform's sign-in and consent pages, over plain HTTP. */
public final class SandboxJourney {

    private SandboxJourney() {}

    /**
     * Follows linkUrl to the platform, signs in and answers the consent page. Returns the answer of
     * Bridgekeeper's callback (normally a redirect to the lender).
     */
    public static HttpResponse<String> linkAs(Browser browser, String linkUrl, String publicUrl, String username,
            boolean allow) {
        return browser.get(callbackUrl(browser, linkUrl, publicUrl, username, allow));
    }

    /**
     * Follows linkUrl to the platform, signs in and answers the consent page, up to the redirect back: the URL of
     * Bridgekeeper's callback the browser would open next.
     */
    public static String callbackUrl(Browser browser, String linkUrl, String publicUrl, String username,
            boolean allow) {
        HttpResponse<String> start = browser.get(linkUrl);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        String authorize = Browser.location(start);
        assertThat(authorize).startsWith(publicUrl + "/sandbox/");

        HttpResponse<String> login = browser.followWhile(browser.get(authorize), publicUrl + "/sandbox/");
        assertThat(login.statusCode()).as(login.uri() + " " + login.body()).isEqualTo(200);
        Browser.Form signIn = Browser.form(login, "Sign in");
        Map<String, String> credentials = signIn.clicking(null);
        credentials.put("username", username);
        credentials.put("password", "pass_good");
        HttpResponse<String> consent = browser.followWhile(browser.postForm(signIn.action(), credentials),
                publicUrl + "/sandbox/");
        assertThat(consent.statusCode()).as(consent.uri() + " " + consent.body()).isEqualTo(200);
        assertThat(consent.body()).contains("Allow access").contains("Deny");

        Browser.Form decision = Browser.form(consent, allow ? "Allow access" : "Deny");
        Map<String, String> answer = allow ? decision.clicking(buttonNamed(decision, "Allow access", consent))
                : withoutScope(decision, consent);
        HttpResponse<String> back = browser.followWhile(browser.postForm(decision.action(), answer),
                publicUrl + "/sandbox/");
        assertThat(Browser.isRedirect(back)).as(back.uri() + " " + back.body()).isTrue();
        assertThat(Browser.location(back)).startsWith(publicUrl + "/oauth/callback?");
        return Browser.location(back);
    }

    private static String buttonNamed(Browser.Form form, String label, HttpResponse<String> page) {
        return form.buttons().keySet().stream().findFirst().orElse(null);
    }

    /** What a click on Deny sends: the form without any scope. */
    private static Map<String, String> withoutScope(Browser.Form form, HttpResponse<String> page) {
        Map<String, String> values = new java.util.LinkedHashMap<>(form.fields());
        values.remove("scope");
        return values;
    }
}
