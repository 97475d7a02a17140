package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.sync.CachedRecords;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Codat's data endpoints over the cache. Accounting data belongs to the company (its one accounting
 * connection); banking and commerce data to a connection. Lists are paged ({@code page}, {@code pageSize}),
 * filtered by {@code query} on any field of the record and ordered by {@code orderBy}; records deleted at the
 * platform are left out of lists.
 */
@RestController
class DataController {

    private final CachedRecords records;

    DataController(CachedRecords records) {
        this.records = records;
    }

    @Operation(operationId = "list-accounts", summary = "List accounts", tags = "Accounting")
    @GetMapping("/companies/{companyId}/data/accounts")
    PagedResults<JsonNode> listAccounts(@PathVariable("companyId") UUID companyId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, null, "chartOfAccounts",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/data/accounts");
    }

    @Operation(operationId = "get-account", summary = "Get account", tags = "Accounting")
    @GetMapping("/companies/{companyId}/data/accounts/{accountId}")
    JsonNode getAccount(@PathVariable("companyId") UUID companyId,
            @PathVariable("accountId") String accountId) {
        return records.get(Caller.current().clientId(), companyId, null, "chartOfAccounts", accountId);
    }

    @Operation(operationId = "list-customers", summary = "List customers", tags = "Accounting")
    @GetMapping("/companies/{companyId}/data/customers")
    PagedResults<JsonNode> listCustomers(@PathVariable("companyId") UUID companyId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, null, "customers",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/data/customers");
    }

    @Operation(operationId = "get-customer", summary = "Get customer", tags = "Accounting")
    @GetMapping("/companies/{companyId}/data/customers/{customerId}")
    JsonNode getCustomer(@PathVariable("companyId") UUID companyId,
            @PathVariable("customerId") String customerId) {
        return records.get(Caller.current().clientId(), companyId, null, "customers", customerId);
    }

    @Operation(operationId = "list-invoices", summary = "List invoices", tags = "Accounting")
    @GetMapping("/companies/{companyId}/data/invoices")
    PagedResults<JsonNode> listInvoices(@PathVariable("companyId") UUID companyId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, null, "invoices",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/data/invoices");
    }

    @Operation(operationId = "get-invoice", summary = "Get invoice", tags = "Accounting")
    @GetMapping("/companies/{companyId}/data/invoices/{invoiceId}")
    JsonNode getInvoice(@PathVariable("companyId") UUID companyId,
            @PathVariable("invoiceId") String invoiceId) {
        return records.get(Caller.current().clientId(), companyId, null, "invoices", invoiceId);
    }

    @Operation(operationId = "list-banking-accounts", summary = "List banking accounts", tags = "Banking")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/banking-accounts")
    PagedResults<JsonNode> listBankingAccounts(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, connectionId, "banking-accounts",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/connections/" + connectionId + "/data/banking-accounts");
    }

    @Operation(operationId = "get-banking-account", summary = "Get banking account", tags = "Banking")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/banking-accounts/{accountId}")
    JsonNode getBankingAccount(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @PathVariable("accountId") String accountId) {
        return records.get(Caller.current().clientId(), companyId, connectionId, "banking-accounts", accountId);
    }

    @Operation(operationId = "list-banking-transactions", summary = "List banking transactions", tags = "Banking")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/banking-transactions")
    PagedResults<JsonNode> listBankingTransactions(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, connectionId, "banking-transactions",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/connections/" + connectionId + "/data/banking-transactions");
    }

    @Operation(operationId = "get-banking-transaction", summary = "Get banking transaction", tags = "Banking")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/banking-transactions/{transactionId}")
    JsonNode getBankingTransaction(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @PathVariable("transactionId") String transactionId) {
        return records.get(Caller.current().clientId(), companyId, connectionId, "banking-transactions", transactionId);
    }

    @Operation(operationId = "list-banking-account-balances", summary = "List banking account balances", tags = "Banking")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/banking-accountBalances")
    PagedResults<JsonNode> listBankingAccountBalances(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, connectionId, "banking-accountBalances",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/connections/" + connectionId + "/data/banking-accountBalances");
    }

    @Operation(operationId = "list-banking-transaction-categories", summary = "List banking transaction categories", tags = "Banking")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/banking-transactionCategories")
    PagedResults<JsonNode> listBankingTransactionCategories(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, connectionId, "banking-transactionCategories",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/connections/" + connectionId + "/data/banking-transactionCategories");
    }

    @Operation(operationId = "list-commerce-customers", summary = "List commerce customers", tags = "Commerce")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/commerce-customers")
    PagedResults<JsonNode> listCommerceCustomers(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, connectionId, "commerce-customers",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/connections/" + connectionId + "/data/commerce-customers");
    }

    @Operation(operationId = "list-commerce-orders", summary = "List commerce orders", tags = "Commerce")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/commerce-orders")
    PagedResults<JsonNode> listCommerceOrders(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @RequestParam(name = "page", required = false) Integer page,
            @RequestParam(name = "pageSize", required = false) Integer pageSize,
            @RequestParam(name = "query", required = false) String query,
            @RequestParam(name = "orderBy", required = false) String orderBy) {
        return records.list(Caller.current().clientId(), companyId, connectionId, "commerce-orders",
                PageRequest.of(page, pageSize), query, orderBy, "/companies/" + companyId + "/connections/" + connectionId + "/data/commerce-orders");
    }

    @Operation(operationId = "get-commerce-order", summary = "Get commerce order", tags = "Commerce")
    @GetMapping("/companies/{companyId}/connections/{connectionId}/data/commerce-orders/{orderId}")
    JsonNode getCommerceOrder(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId,
            @PathVariable("orderId") String orderId) {
        return records.get(Caller.current().clientId(), companyId, connectionId, "commerce-orders", orderId);
    }
}
