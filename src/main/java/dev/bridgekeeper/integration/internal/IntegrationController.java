package dev.bridgekeeper.integration.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.CompanyScopedEndpoints;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /integrations}: the catalog in Codat's shape. Readable with a company token too (Link's picker). */
@RestController
@Tag(name = "Integrations")
class IntegrationController implements CompanyScopedEndpoints {

    private final CatalogService catalog;
    private final IntegrationViews views;

    IntegrationController(CatalogService catalog, IntegrationViews views) {
        this.catalog = catalog;
        this.views = views;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint(HttpMethod.GET, "/integrations"),
                new Endpoint(HttpMethod.GET, "/integrations/{platformKey}"),
                new Endpoint(HttpMethod.GET, "/integrations/{platformKey}/branding"));
    }

    @Operation(operationId = "list-integrations", summary = "List integrations")
    @GetMapping("/integrations")
    PagedResults<IntegrationViews.IntegrationView> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String query,
            @RequestParam(required = false) String orderBy) {
        PageRequest request = PageRequest.of(page, pageSize);
        ClientId client = Caller.current().client();
        java.util.function.Predicate<Integration> enabled = i -> catalog.unavailableReason(client, i.key()).isEmpty();
        List<Integration> matching = catalog.all().stream()
                .filter(IntegrationFilter.parse(query, enabled))
                .sorted(IntegrationFilter.orderBy(orderBy))
                .toList();
        List<IntegrationViews.IntegrationView> pageOf = matching.stream()
                .skip(request.offset()).limit(request.pageSize()).map(i -> views.integration(i, enabled.test(i))).toList();
        Map<String, String> carried = new LinkedHashMap<>();
        carried.put("query", query);
        carried.put("orderBy", orderBy);
        return PagedResults.of(pageOf, request, matching.size(), "/integrations", carried);
    }

    @Operation(operationId = "get-integration", summary = "Get an integration")
    @GetMapping("/integrations/{platformKey}")
    IntegrationViews.IntegrationView get(@PathVariable String platformKey) {
        Integration integration = catalog.require(platformKey);
        return views.integration(integration,
                catalog.unavailableReason(Caller.current().client(), integration.key()).isEmpty());
    }

    @Operation(operationId = "get-integrations-branding", summary = "Get an integration's branding")
    @GetMapping("/integrations/{platformKey}/branding")
    IntegrationViews.BrandingView branding(@PathVariable String platformKey) {
        return views.branding(catalog.require(platformKey));
    }
}
