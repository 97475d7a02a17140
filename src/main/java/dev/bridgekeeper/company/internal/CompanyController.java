package dev.bridgekeeper.company.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.bridgekeeper.company.Company;
import dev.bridgekeeper.company.CompanyConnections;
import dev.bridgekeeper.company.CompanyDetails;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.paging.Slice;
import dev.bridgekeeper.platform.security.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /companies}: Codat's company endpoints; companies go out in Codat's shape with their connections. */
@RestController
@Tag(name = "Companies")
class CompanyController {

    private final CompanyManagement companies;
    private final CompanyConnections connections;

    CompanyController(CompanyManagement companies, CompanyConnections connections) {
        this.companies = companies;
        this.connections = connections;
    }

    record CompanyRequestBody(String name, String description, Map<String, String> tags) {}

    @Operation(operationId = "list-companies", summary = "List companies")
    @GetMapping("/companies")
    PagedResults<Company> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String query,
            @RequestParam(required = false) String orderBy, @RequestParam(required = false) String tags) {
        PageRequest request = PageRequest.of(page, pageSize);
        ClientId clientId = Caller.current().client();
        Slice<CompanyDetails> slice = companies.list(clientId, request, query, orderBy, tags);
        Map<CompanyId, List<?>> byCompany = connections.connectionsOf(clientId,
                slice.items().stream().map(CompanyDetails::id).toList());
        Map<String, String> carried = new LinkedHashMap<>();
        carried.put("query", query);
        carried.put("orderBy", orderBy);
        carried.put("tags", tags);
        return slice.map(company -> Company.of(company, byCompany.getOrDefault(company.id(), List.of())))
                .toPagedResults(request, "/companies", carried);
    }

    @Operation(operationId = "create-company", summary = "Create a company")
    @PostMapping("/companies")
    Company create(@RequestBody CompanyRequestBody body) {
        return Company.of(companies.create(Caller.current().client(), body.name(), body.description(), body.tags()),
                List.of());
    }

    @Operation(operationId = "get-company", summary = "Get a company")
    @GetMapping("/companies/{companyId}")
    Company get(@PathVariable UUID companyId) {
        ClientId clientId = Caller.current().client();
        return withConnections(clientId, companies.get(clientId, CompanyId.of(companyId)));
    }

    @Operation(operationId = "replace-company", summary = "Replace a company")
    @PutMapping("/companies/{companyId}")
    Company replace(@PathVariable UUID companyId, @RequestBody CompanyRequestBody body) {
        ClientId clientId = Caller.current().client();
        return withConnections(clientId, companies.replace(clientId, CompanyId.of(companyId), body.name(),
                body.description(), body.tags()));
    }

    @Operation(operationId = "update-company", summary = "Update a company")
    @PatchMapping("/companies/{companyId}")
    Company update(@PathVariable UUID companyId, @RequestBody CompanyRequestBody body) {
        ClientId clientId = Caller.current().client();
        return withConnections(clientId, companies.update(clientId, CompanyId.of(companyId), body.name(),
                body.description(), body.tags()));
    }

    @Operation(operationId = "delete-company", summary = "Delete a company")
    @DeleteMapping("/companies/{companyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable UUID companyId) {
        companies.delete(Caller.current().client(), CompanyId.of(companyId));
        return ResponseEntity.noContent().build();
    }

    private Company withConnections(ClientId clientId, CompanyDetails company) {
        return Company.of(company,
                connections.connectionsOf(clientId, List.of(company.id())).getOrDefault(company.id(), List.of()));
    }
}
