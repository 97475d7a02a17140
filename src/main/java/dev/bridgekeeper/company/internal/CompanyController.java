package dev.bridgekeeper.company.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.bridgekeeper.company.Company;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import java.util.LinkedHashMap;
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

/** {@code /companies}: Codat's company endpoints. */
@RestController
@Tag(name = "Companies")
class CompanyController {

    private final CompanyManagement companies;

    CompanyController(CompanyManagement companies) {
        this.companies = companies;
    }

    record CompanyRequestBody(String name, String description, Map<String, String> tags) {}

    @Operation(operationId = "list-companies", summary = "List companies")
    @GetMapping("/companies")
    PagedResults<Company> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pageSize, @RequestParam(required = false) String query,
            @RequestParam(required = false) String orderBy, @RequestParam(required = false) String tags) {
        PageRequest request = PageRequest.of(page, pageSize);
        Map<String, String> carried = new LinkedHashMap<>();
        carried.put("query", query);
        carried.put("orderBy", orderBy);
        carried.put("tags", tags);
        return companies.list(Caller.current().clientId(), request, query, orderBy, tags, carried);
    }

    @Operation(operationId = "create-company", summary = "Create a company")
    @PostMapping("/companies")
    Company create(@RequestBody CompanyRequestBody body) {
        return companies.create(Caller.current().clientId(), body.name(), body.description(), body.tags());
    }

    @Operation(operationId = "get-company", summary = "Get a company")
    @GetMapping("/companies/{companyId}")
    Company get(@PathVariable UUID companyId) {
        return companies.get(Caller.current().clientId(), companyId);
    }

    @Operation(operationId = "replace-company", summary = "Replace a company")
    @PutMapping("/companies/{companyId}")
    Company replace(@PathVariable UUID companyId, @RequestBody CompanyRequestBody body) {
        return companies.replace(Caller.current().clientId(), companyId, body.name(), body.description(), body.tags());
    }

    @Operation(operationId = "update-company", summary = "Update a company")
    @PatchMapping("/companies/{companyId}")
    Company update(@PathVariable UUID companyId, @RequestBody CompanyRequestBody body) {
        return companies.update(Caller.current().clientId(), companyId, body.name(), body.description(), body.tags());
    }

    @Operation(operationId = "delete-company", summary = "Delete a company")
    @DeleteMapping("/companies/{companyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> delete(@PathVariable UUID companyId) {
        companies.delete(Caller.current().clientId(), companyId);
        return ResponseEntity.noContent().build();
    }
}
