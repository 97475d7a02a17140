package dev.bridgekeeper.link;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.web.PublicUrl;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bridgekeeper extension: issues the one-time link token a protected Hosted Link needs. API key
 * only: the lender's back end asks for one each time it sends a customer to the journey.
 */
@RestController
@Tag(name = "Companies")
class HostedLinkTokenController {

    private final CompanyDirectory companies;
    private final HostedLinkTokens tokens;
    private final PublicUrl publicUrl;

    HostedLinkTokenController(CompanyDirectory companies, HostedLinkTokens tokens, PublicUrl publicUrl) {
        this.companies = companies;
        this.tokens = tokens;
        this.publicUrl = publicUrl;
    }

    record HostedLinkToken(String token, String linkUrl, Instant expiresUtc, long expiresIn) {}

    @Operation(operationId = "create-hosted-link-token", summary = "Create a one-time Hosted Link token",
            description = "Bridgekeeper extension. Returns a link token that opens the company's Hosted Link once,"
                    + " before it expires (bridgekeeper.link.hosted-link-token-lifetime), and the linkUrl that"
                    + " carries it. Required when the profile sets hostedLinkRequiresToken.")
    @PostMapping("/companies/{companyId}/hostedLink/token")
    @ResponseStatus(HttpStatus.CREATED)
    HostedLinkToken create(@PathVariable UUID companyId) {
        UUID clientId = Caller.current().clientId();
        companies.require(ClientId.of(clientId), CompanyId.of(companyId));
        HostedLinkTokens.Issued issued = tokens.issue(clientId, companyId);
        String url = publicUrl.resolve("/link/" + companyId + "?token="
                + URLEncoder.encode(issued.token(), StandardCharsets.UTF_8));
        return new HostedLinkToken(issued.token(), url, issued.expiresUtc(), issued.expiresInSeconds());
    }
}
