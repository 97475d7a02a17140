package dev.bridgekeeper.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.oauth.SandboxJourney;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.net.http.HttpResponse;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A company of a test tenant with one connection linked through the real sandbox pages. */
public record SandboxLink(Tenant tenant, UUID companyId, UUID connectionId) {

    /** Creates a company, a connection to {@code platformKey} and links it as {@code user}. */
    public static SandboxLink create(Tenant tenant, String publicUrl, String platformKey, String user) {
        Api api = tenant.api();
        Api.Response company = api.post("/companies", "{\"name\":\"Synced Co\"}");
        assertThat(company.status()).as(company.toString()).isEqualTo(200);
        String companyId = company.json().path("id").asString();
        return linkAnother(tenant, UUID.fromString(companyId), publicUrl, platformKey, user);
    }

    /**
     * Like {@link #create}, but the company's sync settings fetch nothing on first link, so no sync job
     * touches the sandbox organisation (or its access token) while the test uses it.
     */
    public static SandboxLink createWithoutSync(Tenant tenant, String publicUrl, String platformKey, String user) {
        Api api = tenant.api();
        Api.Response company = api.post("/companies", "{\"name\":\"Unsynced Co\"}");
        assertThat(company.status()).as(company.toString()).isEqualTo(200);
        UUID companyId = UUID.fromString(company.json().path("id").asString());
        Api.Response settings = api.post("/companies/" + companyId + "/syncSettings", "{\"settings\":[{\"dataType\":"
                + "\"banking-accounts\",\"fetchOnFirstLink\":false,\"syncSchedule\":0,\"syncOrder\":0}],"
                + "\"overridesDefaults\":true}");
        assertThat(settings.status()).as(settings.toString()).isEqualTo(204);
        return linkAnother(tenant, companyId, publicUrl, platformKey, user);
    }

    /** Adds a linked connection to an existing company. */
    public static SandboxLink linkAnother(Tenant tenant, UUID companyId, String publicUrl, String platformKey,
            String user) {
        Api.Response created = tenant.api().post("/companies/" + companyId + "/connections",
                "{\"platformKey\":\"" + platformKey + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode connection = created.json();
        HttpResponse<String> back = SandboxJourney.linkAs(new Browser(), connection.path("linkUrl").asString(),
                publicUrl, user, true);
        assertThat(back.statusCode()).as(back.body()).isIn(200, 302);
        return new SandboxLink(tenant, companyId, UUID.fromString(connection.path("id").asString()));
    }

    /** A currently valid platform access token for the connection, obtained as the sync engine obtains it. */
    public String accessToken(ConnectionCredentials credentials) {
        return credentials.accessToken(ClientId.of(tenant.clientId()), CompanyId.of(companyId),
                ConnectionId.of(connectionId));
    }

    public String companyPath() {
        return "/companies/" + companyId;
    }

    public String connectionPath() {
        return companyPath() + "/connections/" + connectionId;
    }
}
