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

/**
 * Codat's banking data endpoints over the cache, per connection. Operation ids carry a {@code banking-} prefix
 * because Codat's own ({@code list-accounts}…) repeat the accounting ones, and one document needs unique ids.
 */
@RestController
@RequestMapping("/companies/{companyId}/connections/{connectionId}/data")
@Tag(name = "Banking")
class BankingDataController {

    private final CachedData data;

    BankingDataController(CachedData data) {
        this.data = data;
    }

    @Operation(operationId = "list-banking-accounts", summary = "List banking accounts")
    @GetMapping("/banking-accounts")
    PagedResults<JsonNode> listAccounts(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "banking-accounts", "banking-accounts", p);
    }

    @Operation(operationId = "get-banking-account", summary = "Get banking account")
    @GetMapping("/banking-accounts/{accountId}")
    JsonNode getAccount(@PathVariable("companyId") UUID companyId, @PathVariable("connectionId") UUID connectionId,
            @PathVariable("accountId") String id) {
        return data.get(companyId, connectionId, "banking-accounts", id);
    }

    @Operation(operationId = "list-banking-transactions", summary = "List banking transactions")
    @GetMapping("/banking-transactions")
    PagedResults<JsonNode> listTransactions(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "banking-transactions", "banking-transactions", p);
    }

    @Operation(operationId = "get-banking-transaction", summary = "Get banking transaction")
    @GetMapping("/banking-transactions/{transactionId}")
    JsonNode getTransaction(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @PathVariable("transactionId") String id) {
        return data.get(companyId, connectionId, "banking-transactions", id);
    }

    @Operation(operationId = "list-banking-account-balances", summary = "List banking account balances")
    @GetMapping("/banking-accountBalances")
    PagedResults<JsonNode> listAccountBalances(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "banking-accountBalances", "banking-accountBalances", p);
    }

    @Operation(operationId = "list-banking-transaction-categories", summary = "List banking transaction categories")
    @GetMapping("/banking-transactionCategories")
    PagedResults<JsonNode> listTransactionCategories(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "banking-transactionCategories", "banking-transactionCategories",
                p);
    }

    @Operation(operationId = "get-banking-transaction-category", summary = "Get banking transaction category")
    @GetMapping("/banking-transactionCategories/{transactionCategoryId}")
    JsonNode getTransactionCategory(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @PathVariable("transactionCategoryId") String id) {
        return data.get(companyId, connectionId, "banking-transactionCategories", id);
    }
}
