package dev.bridgekeeper.sandbox.internal;

import dev.bridgekeeper.platform.error.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sandbox platform's data API: who the connected organisation is. Reached only with an access
 * token of the same platform ({@link SandboxSecurityConfiguration} checks it before this runs).
 */
@RestController
@Hidden
@SandboxEnabled
class CompanyInfoController {

    record CompanyInfo(String organisationId, String organisationName, String platform, String user) {}

    @GetMapping("/sandbox/{platform:accounting|banking|commerce}/api/company")
    CompanyInfo company(@PathVariable("platform") String slug, Authentication caller) {
        SandboxPlatform platform = SandboxPlatform.bySlug(slug)
                .orElseThrow(() -> ApiException.notFound("No such sandbox platform."));
        SandboxUser user = SandboxUser.byUsername(caller.getName())
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "The access token has no sandbox user."));
        return new CompanyInfo(user.organisationId(platform).toString(), user.organisationName(platform),
                platform.slug(), user.username());
    }
}
