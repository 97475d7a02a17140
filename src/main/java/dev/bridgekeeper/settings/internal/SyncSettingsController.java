package dev.bridgekeeper.settings.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.settings.SyncSetting;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sync settings at profile level ({@code /profile/syncSettings}) and per company
 * ({@code /companies/{companyId}/syncSettings}). Stored and validated here; the sync engine applies them.
 */
@RestController
@Tag(name = "Settings")
class SyncSettingsController {

    private final SyncSettingsStore store;
    private final CompanyDirectory companies;

    SyncSettingsController(SyncSettingsStore store, CompanyDirectory companies) {
        this.store = store;
        this.companies = companies;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SyncSettings(String clientId, List<SyncSetting> settings, Boolean overridesDefaults) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CompanySyncSettings(String companyId, List<SyncSetting> settings, Boolean overridesDefaults) {}

    @Operation(operationId = "get-profile-syncSettings", summary = "Get the profile sync settings")
    @GetMapping("/profile/syncSettings")
    SyncSettings profile() {
        UUID clientId = Caller.current().clientId();
        SyncSettingsStore.Stored stored = store.profile(clientId)
                .orElseGet(() -> new SyncSettingsStore.Stored(SyncSettingsRules.defaults(), false));
        return new SyncSettings(clientId.toString(), stored.settings(), stored.overridesDefaults());
    }

    @Operation(operationId = "update-profile-syncSettings", summary = "Set the profile sync settings")
    @PostMapping("/profile/syncSettings")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    ResponseEntity<Void> setProfile(@RequestBody SyncSettings body) {
        ValidationErrors errors = new ValidationErrors();
        SyncSettingsRules.check(body.settings(), errors);
        errors.throwIfAny();
        store.saveProfile(Caller.current().clientId(), body.settings(), Boolean.TRUE.equals(body.overridesDefaults()));
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "get-company-syncSettings", summary = "Get a company's sync settings")
    @GetMapping("/companies/{companyId}/syncSettings")
    CompanySyncSettings company(@PathVariable UUID companyId) {
        UUID clientId = Caller.current().clientId();
        companies.require(ClientId.of(clientId), CompanyId.of(companyId));
        return store.company(clientId, companyId)
                .map(s -> new CompanySyncSettings(companyId.toString(), s.settings(), s.overridesDefaults()))
                .orElseGet(() -> new CompanySyncSettings(companyId.toString(),
                        store.forCompany(ClientId.of(clientId), CompanyId.of(companyId)), false));
    }

    @Operation(operationId = "set-company-syncSettings", summary = "Set a company's sync settings")
    @PostMapping("/companies/{companyId}/syncSettings")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Transactional
    ResponseEntity<Void> setCompany(@PathVariable UUID companyId, @RequestBody CompanySyncSettings body) {
        UUID clientId = Caller.current().clientId();
        companies.require(ClientId.of(clientId), CompanyId.of(companyId));
        ValidationErrors errors = new ValidationErrors();
        SyncSettingsRules.check(body.settings(), errors);
        if (body.companyId() != null && !body.companyId().equalsIgnoreCase(companyId.toString())) {
            errors.reject("companyId", "\"companyId\" in the body must match the company in the path.");
        }
        errors.throwIfAny();
        store.saveCompany(clientId, companyId, body.settings(), !Boolean.FALSE.equals(body.overridesDefaults()));
        return ResponseEntity.noContent().build();
    }
}
