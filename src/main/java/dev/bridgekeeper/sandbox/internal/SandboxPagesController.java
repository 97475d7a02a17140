package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.web.PublicUrl;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The sandbox's pages: home (with the test users), sign-in, consent, and their stylesheet. */
@RestController
@Hidden
@SandboxEnabled
class SandboxPagesController {

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final OAuth2AuthorizationService authorizations;
    private final RegisteredClientRepository clients;
    private final PublicUrl publicUrl;

    SandboxPagesController(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
            PublicUrl publicUrl) {
        this.authorizations = authorizations;
        this.clients = clients;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/sandbox")
    ResponseEntity<String> home(HttpServletRequest request, Authentication user, CsrfToken csrf) {
        Optional<String> signedIn = user == null || user instanceof AnonymousAuthenticationToken ? Optional.empty()
                : Optional.of(user.getName());
        return html(HttpStatus.OK, pages(request).home(signedIn, publicUrl.base(), csrf));
    }

    /** Names the platform whose authorize request sent the user here, when there is one. */
    @GetMapping("/sandbox/login")
    ResponseEntity<String> login(HttpServletRequest request, HttpServletResponse response, CsrfToken csrf,
            @RequestParam(required = false) String error,
            @RequestParam(name = "signed-out", required = false) String signedOut) {
        SavedRequest saved = new HttpSessionRequestCache().getRequest(request, response);
        Optional<SandboxPlatform> platform = saved == null ? Optional.empty()
                : SandboxPlatform.fromUrl(saved.getRedirectUrl());
        return html(HttpStatus.OK, pages(request).login(platform, error != null, signedOut != null, csrf));
    }

    /**
     * Spring Authorization Server sends the user here with the in-flight request's {@code state};
     * what is asked for is read from the stored request, never from the query string.
     */
    @GetMapping("/sandbox/consent")
    ResponseEntity<String> consent(HttpServletRequest request, Authentication user, CsrfToken csrf,
            @RequestParam(name = OAuth2ParameterNames.STATE, required = false) String state,
            @RequestParam(name = OAuth2ParameterNames.CLIENT_ID, required = false) String clientId) {
        SandboxPages pages = pages(request);
        OAuth2Authorization pending = state == null || state.isBlank() ? null : authorizations.findByToken(state, STATE);
        RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
        OAuth2AuthorizationRequest asked = pending == null ? null
                : pending.getAttribute(OAuth2AuthorizationRequest.class.getName());
        if (pending == null || asked == null || client == null || !client.getId().equals(pending.getRegisteredClientId())
                || !pending.getPrincipalName().equals(user.getName())) {
            return html(HttpStatus.BAD_REQUEST, pages.problem(Optional.empty(), "This request has expired",
                    "We could not find the access request you are answering, or it was made for someone else."));
        }
        Optional<SandboxPlatform> platform = SandboxPlatform.fromUrl(asked.getAuthorizationUri());
        Optional<SandboxUser> account = SandboxUser.byUsername(user.getName());
        if (platform.isEmpty() || account.isEmpty()) {
            return html(HttpStatus.BAD_REQUEST, pages.problem(platform, "This request has expired",
                    "We could not tell which sandbox platform this request is for."));
        }
        return html(HttpStatus.OK, pages.consent(platform.get(), appName(asked, client), user.getName(),
                account.get().organisationName(platform.get()), client.getClientId(), state, csrf));
    }

    /**
     * Who asks for access. A real platform shows the name the lender registered its app under; the sandbox has one
     * app for every lender, so Bridgekeeper sends the lender's name with the request ({@code client_display_name}).
     * Only shown, escaped, never trusted for anything else.
     */
    private static String appName(OAuth2AuthorizationRequest asked, RegisteredClient client) {
        Object given = asked.getAdditionalParameters().get("client_display_name");
        String name = given instanceof String s ? s.strip() : "";
        return name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)
                ? client.getClientName() : name;
    }

    @GetMapping("/sandbox/assets/sandbox.css")
    ResponseEntity<Resource> stylesheet() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "css", StandardCharsets.UTF_8))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePublic())
                .body(new ClassPathResource("sandbox/sandbox.css"));
    }

    private static SandboxPages pages(HttpServletRequest request) {
        return new SandboxPages(request.getContextPath());
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore()).body(body);
    }
}
