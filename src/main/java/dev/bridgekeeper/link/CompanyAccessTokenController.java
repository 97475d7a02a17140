package dev.bridgekeeper.link;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.security.CompanyTokens;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issues company access tokens: what a lender's back end hands to its front end so Link and the
 * connection-management UI can act for one company without ever seeing an API key.
 */
@RestController
@Tag(name = "Companies")
class CompanyAccessTokenController {

    private final CompanyDirectory companies;
    private final CompanyTokens tokens;

    CompanyAccessTokenController(CompanyDirectory companies, CompanyTokens tokens) {
        this.companies = companies;
        this.tokens = tokens;
    }

    record CompanyAccessToken(long expiresIn, String accessToken, String tokenType) {}

    record ConnectionManagementAccessToken(String accessToken) {}

    @Operation(operationId = "get-company-access-token", summary = "Get a company access token")
    @GetMapping("/companies/{companyId}/accessToken")
    CompanyAccessToken accessToken(@PathVariable UUID companyId) {
        CompanyTokens.Issued issued = issue(companyId);
        return new CompanyAccessToken(issued.expiresInSeconds(), issued.token(), "Bearer");
    }

    @Operation(operationId = "get-connection-management-access-token", summary = "Get a connection management access token")
    @GetMapping("/companies/{companyId}/connectionManagement/accessToken")
    ConnectionManagementAccessToken connectionManagementAccessToken(@PathVariable UUID companyId) {
        return new ConnectionManagementAccessToken(issue(companyId).token());
    }

    private CompanyTokens.Issued issue(UUID companyId) {
        UUID clientId = Caller.current().clientId();
        companies.require(ClientId.of(clientId), CompanyId.of(companyId));
        return tokens.issue(clientId, companyId);
    }
}
