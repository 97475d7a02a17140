package dev.bridgekeeper.settings.internal;

import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.settings.Profile;
import dev.bridgekeeper.settings.ProfileSettings;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ProfileStore implements ProfileSettings {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProfileStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Profile profile(ClientId clientId) {
        return jdbc.sql("select name, logo_url, icon_url, redirect_url, white_list_urls::text,"
                        + " hosted_link_requires_token, support_email, privacy_policy_url from profile"
                        + " where client_id = ?")
                .param(clientId.value())
                .query((rs, i) -> new Profile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        json.readValue(rs.getString(5), STRINGS), null, null, rs.getBoolean(6), rs.getString(7),
                        rs.getString(8)))
                .optional()
                .orElseThrow(() -> new ApiException(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR,
                        "This client has no profile."));
    }

    @Override
    public List<String> allowedOrigins(ClientId clientId) {
        return jdbc.sql("select allowed_origins::text from profile where client_id = ?").param(clientId.value())
                .query((rs, i) -> json.readValue(rs.getString(1), STRINGS)).optional().orElse(List.of());
    }

    void update(UUID clientId, Profile profile) {
        jdbc.sql("update profile set name = ?, logo_url = ?, icon_url = ?, redirect_url = ?,"
                        + " white_list_urls = cast(? as jsonb), hosted_link_requires_token = ?, support_email = ?,"
                        + " privacy_policy_url = ?, updated_utc = now() where client_id = ?")
                .params(profile.name(), profile.logoUrl(), profile.iconUrl(), profile.redirectUrl(),
                        json.writeValueAsString(profile.whiteListUrls()), profile.requiresHostedLinkToken(),
                        profile.supportEmail(), profile.privacyPolicyUrl(), clientId)
                .update();
    }

    void updateAllowedOrigins(UUID clientId, List<String> origins) {
        jdbc.sql("update profile set allowed_origins = cast(? as jsonb), updated_utc = now() where client_id = ?")
                .params(json.writeValueAsString(origins), clientId)
                .update();
    }
}
