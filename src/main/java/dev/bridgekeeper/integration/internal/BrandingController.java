package dev.bridgekeeper.integration.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.platform.error.ApiException;
import java.time.Duration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves platform logos from the catalog itself, so the journey never loads images from a third
 * party. Public (an {@code <img>} carries no credentials); only files a catalog entry names are served.
 */
@RestController
@Tag(name = "Integrations")
class BrandingController {

    private final CatalogService catalog;
    private final ResourceLoader resources;

    BrandingController(CatalogService catalog, ResourceLoader resources) {
        this.catalog = catalog;
        this.resources = resources;
    }

    @Operation(operationId = "get-branding-asset", summary = "Get a platform logo file (public)")
    @GetMapping("/branding/{platformKey}/{file:.+}")
    ResponseEntity<Resource> asset(@PathVariable String platformKey, @PathVariable String file) {
        Integration integration = catalog.require(platformKey);
        Integration.Branding b = integration.branding();
        if (!(file.equals(b.logo()) || file.equals(b.icon()) || file.equals(b.buttonDefault())
                || file.equals(b.buttonHover()))) {
            throw ApiException.notFound("Platform " + platformKey + " has no branding file \"" + file + "\".");
        }
        Resource resource = resources.getResource(catalog.brandingLocation(file));
        MediaType type = file.endsWith(".svg") ? MediaType.valueOf("image/svg+xml") : MediaType.IMAGE_PNG;
        return ResponseEntity.ok()
                .contentType(type)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                // an SVG opened directly must not be able to run script
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .header("X-Content-Type-Options", "nosniff")
                .body(resource);
    }
}
