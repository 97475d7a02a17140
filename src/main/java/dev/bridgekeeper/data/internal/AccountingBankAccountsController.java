package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.paging.PagedResults;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The accounting platform's bank accounts, which Codat reads per connection rather than per company. */
@RestController
@RequestMapping("/companies/{companyId}/connections/{connectionId}/data/bankAccounts")
@Tag(name = "Accounting")
class AccountingBankAccountsController {

    private final CachedData data;

    AccountingBankAccountsController(CachedData data) {
        this.data = data;
    }

    @Operation(operationId = "list-bank-accounts", summary = "List bank accounts")
    @GetMapping
    PagedResults<JsonNode> listBankAccounts(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "bankAccounts", "bankAccounts", p);
    }

    @Operation(operationId = "get-bank-account", summary = "Get bank account")
    @GetMapping("/{accountId}")
    JsonNode getBankAccount(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @PathVariable("accountId") String id) {
        return data.get(companyId, connectionId, "bankAccounts", id);
    }
}
