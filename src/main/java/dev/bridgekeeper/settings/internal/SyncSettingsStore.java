package dev.bridgekeeper.settings.internal;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.settings.SyncSetting;
import dev.bridgekeeper.settings.SyncSettingsDirectory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Sync settings rows: the profile's (company_id null) and per-company overrides. */
@Repository
class SyncSettingsStore implements SyncSettingsDirectory {

    private static final TypeReference<List<SyncSetting>> SETTINGS = new TypeReference<>() {};

    record Stored(List<SyncSetting> settings, boolean overridesDefaults) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SyncSettingsStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Stored> profile(UUID clientId) {
        return jdbc.sql("select settings::text, overrides_defaults from sync_settings"
                        + " where client_id = ? and company_id is null")
                .param(clientId).query((rs, i) -> new Stored(json.readValue(rs.getString(1), SETTINGS),
                        rs.getBoolean(2)))
                .optional();
    }

    Optional<Stored> company(UUID clientId, UUID companyId) {
        return jdbc.sql("select settings::text, overrides_defaults from sync_settings"
                        + " where client_id = ? and company_id = ?")
                .params(clientId, companyId).query((rs, i) -> new Stored(json.readValue(rs.getString(1), SETTINGS),
                        rs.getBoolean(2)))
                .optional();
    }

    void saveProfile(UUID clientId, List<SyncSetting> settings, boolean overridesDefaults) {
        jdbc.sql("insert into sync_settings (client_id, company_id, settings, overrides_defaults)"
                        + " values (?, null, cast(? as jsonb), ?) on conflict (client_id) where company_id is null"
                        + " do update set settings = excluded.settings, overrides_defaults = excluded.overrides_defaults,"
                        + " updated_utc = now()")
                .params(clientId, json.writeValueAsString(settings), overridesDefaults).update();
    }

    void saveCompany(UUID clientId, UUID companyId, List<SyncSetting> settings, boolean overridesDefaults) {
        jdbc.sql("insert into sync_settings (client_id, company_id, settings, overrides_defaults)"
                        + " values (?, ?, cast(? as jsonb), ?) on conflict (client_id, company_id)"
                        + " where company_id is not null do update set settings = excluded.settings,"
                        + " overrides_defaults = excluded.overrides_defaults, updated_utc = now()")
                .params(clientId, companyId, json.writeValueAsString(settings), overridesDefaults).update();
    }

    @Override
    public List<SyncSetting> forCompany(ClientId clientId, CompanyId companyId) {
        return company(clientId.value(), companyId.value()).filter(Stored::overridesDefaults).map(Stored::settings)
                .or(() -> profile(clientId.value()).map(Stored::settings))
                .orElseGet(SyncSettingsRules::defaults);
    }
}
