package dev.bridgekeeper.settings.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.settings.Profile;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /profile} and the CORS settings (also under Codat's legacy connectionManagement path). */
@RestController
@Tag(name = "Settings")
class ProfileController {

    private static final int MAX_WHITELIST = 50;
    private static final int MAX_ORIGINS = 50;

    private final ProfileStore profiles;

    ProfileController(ProfileStore profiles) {
        this.profiles = profiles;
    }

    @Operation(operationId = "get-profile", summary = "Get the profile")
    @GetMapping("/profile")
    Profile get() {
        return profiles.profile(Caller.current().client());
    }

    @Operation(operationId = "update-profile", summary = "Update the profile")
    @PutMapping("/profile")
    @Transactional
    Profile update(@RequestBody Profile body) {
        ValidationErrors errors = new ValidationErrors();
        // "" is a profile not named yet (a fresh install's), so what GET /profile answers can be sent back
        if (body.name() == null || !body.name().isEmpty() && body.name().isBlank()) {
            errors.reject("name", "\"name\" is required.");
        } else if (body.name().length() > 100) {
            errors.reject("name", "\"name\" must be at most 100 characters.");
        }
        if (body.redirectUrl() == null) {
            errors.reject("redirectUrl", "\"redirectUrl\" is required (an empty string means none).");
        } else if (!body.redirectUrl().isEmpty() && !Urls.isHttpUrl(body.redirectUrl(), true)) {
            errors.reject("redirectUrl", "\"redirectUrl\" must be an absolute http(s) URL; it may contain"
                    + " placeholders such as {companyId}.");
        }
        checkUrl(errors, "logoUrl", body.logoUrl());
        checkUrl(errors, "iconUrl", body.iconUrl());
        checkUrl(errors, "privacyPolicyUrl", body.privacyPolicyUrl());
        if (body.supportEmail() != null && !body.supportEmail().isEmpty() && !Urls.isEmail(body.supportEmail())) {
            errors.reject("supportEmail", "\"supportEmail\" must be an email address such as help@example.com.");
        }
        if (body.whiteListUrls().size() > MAX_WHITELIST) {
            errors.reject("whiteListUrls", "\"whiteListUrls\" can hold at most " + MAX_WHITELIST + " URLs.");
        }
        for (int i = 0; i < body.whiteListUrls().size(); i++) {
            if (!Urls.isHttpUrl(body.whiteListUrls().get(i), false)) {
                errors.reject("whiteListUrls[" + i + "]", "\"whiteListUrls[" + i + "]\" must be an absolute http(s) URL.");
            }
        }
        errors.throwIfAny();
        UUID clientId = Caller.current().clientId();
        Profile stored = new Profile(body.name().trim(), body.logoUrl(), body.iconUrl(), body.redirectUrl(),
                body.whiteListUrls(), null, null, body.requiresHostedLinkToken(), emptyAsNull(body.supportEmail()),
                emptyAsNull(body.privacyPolicyUrl()));
        profiles.update(clientId, stored);
        return profiles.profile(ClientId.of(clientId));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record AllowedOrigins(List<String> allowedOrigins) {}

    @Operation(operationId = "get-cors-settings", summary = "Get CORS settings")
    @GetMapping("/corsSettings")
    AllowedOrigins corsSettings() {
        return new AllowedOrigins(profiles.allowedOrigins(Caller.current().client()));
    }

    @Operation(operationId = "set-cors-settings", summary = "Set CORS settings")
    @PostMapping("/corsSettings")
    @Transactional
    AllowedOrigins setCorsSettings(@RequestBody AllowedOrigins body) {
        List<String> origins = body.allowedOrigins() == null ? List.of() : body.allowedOrigins();
        ValidationErrors errors = new ValidationErrors();
        if (origins.size() > MAX_ORIGINS) {
            errors.reject("allowedOrigins", "\"allowedOrigins\" can hold at most " + MAX_ORIGINS + " origins.");
        }
        for (int i = 0; i < origins.size(); i++) {
            if (!Urls.isOrigin(origins.get(i))) {
                errors.reject("allowedOrigins[" + i + "]", "\"allowedOrigins[" + i + "]\" must be an origin such as"
                        + " https://app.example.com (scheme, host and optional port; no path).");
            }
        }
        errors.throwIfAny();
        List<String> normalised = origins.stream().map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .distinct().toList();
        UUID clientId = Caller.current().clientId();
        profiles.updateAllowedOrigins(clientId, normalised);
        return new AllowedOrigins(normalised);
    }

    @Operation(operationId = "get-connection-management-cors-settings", summary = "Get CORS settings (legacy path)")
    @GetMapping("/connectionManagement/corsSettings")
    AllowedOrigins legacyCorsSettings() {
        return corsSettings();
    }

    @Operation(operationId = "set-connection-management-cors-settings", summary = "Set CORS settings (legacy path)")
    @PostMapping("/connectionManagement/corsSettings")
    @Transactional
    AllowedOrigins setLegacyCorsSettings(@RequestBody AllowedOrigins body) {
        return setCorsSettings(body);
    }

    private static String emptyAsNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void checkUrl(ValidationErrors errors, String field, String value) {
        if (value != null && !value.isEmpty() && !Urls.isHttpUrl(value, false)) {
            errors.reject(field, "\"" + field + "\" must be an absolute http(s) URL.");
        }
    }
}
