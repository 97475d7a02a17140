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
 * Codat's accounting data endpoints over the cache: the company's records, whichever accounting connection they
 * came from. Lists are paged ({@code page}, {@code pageSize}), filtered by {@code query} on any field and ordered
 * by {@code orderBy}; records deleted at the platform are left out of lists and flagged when fetched by id.
 */
@RestController
@RequestMapping("/companies/{companyId}/data")
@Tag(name = "Accounting")
class AccountingDataController {

    private final CachedData data;

    AccountingDataController(CachedData data) {
        this.data = data;
    }

    @Operation(operationId = "get-company-info", summary = "Get company info")
    @GetMapping("/info")
    JsonNode getCompanyInfo(@PathVariable("companyId") UUID companyId) {
        return data.single(companyId, null, "company", "company information");
    }

    @Operation(operationId = "list-accounts", summary = "List accounts")
    @GetMapping("/accounts")
    PagedResults<JsonNode> listAccounts(@PathVariable("companyId") UUID companyId, @ParameterObject ListParams p) {
        return data.list(companyId, null, "chartOfAccounts", "accounts", p);
    }

    @Operation(operationId = "get-account", summary = "Get account")
    @GetMapping("/accounts/{accountId}")
    JsonNode getAccount(@PathVariable("companyId") UUID companyId, @PathVariable("accountId") String id) {
        return data.get(companyId, null, "chartOfAccounts", id);
    }

    @Operation(operationId = "list-customers", summary = "List customers")
    @GetMapping("/customers")
    PagedResults<JsonNode> listCustomers(@PathVariable("companyId") UUID companyId, @ParameterObject ListParams p) {
        return data.list(companyId, null, "customers", "customers", p);
    }

    @Operation(operationId = "get-customer", summary = "Get customer")
    @GetMapping("/customers/{customerId}")
    JsonNode getCustomer(@PathVariable("companyId") UUID companyId, @PathVariable("customerId") String id) {
        return data.get(companyId, null, "customers", id);
    }

    @Operation(operationId = "list-suppliers", summary = "List suppliers")
    @GetMapping("/suppliers")
    PagedResults<JsonNode> listSuppliers(@PathVariable("companyId") UUID companyId, @ParameterObject ListParams p) {
        return data.list(companyId, null, "suppliers", "suppliers", p);
    }

    @Operation(operationId = "get-supplier", summary = "Get supplier")
    @GetMapping("/suppliers/{supplierId}")
    JsonNode getSupplier(@PathVariable("companyId") UUID companyId, @PathVariable("supplierId") String id) {
        return data.get(companyId, null, "suppliers", id);
    }

    @Operation(operationId = "list-invoices", summary = "List invoices")
    @GetMapping("/invoices")
    PagedResults<JsonNode> listInvoices(@PathVariable("companyId") UUID companyId, @ParameterObject ListParams p) {
        return data.list(companyId, null, "invoices", "invoices", p);
    }

    @Operation(operationId = "get-invoice", summary = "Get invoice")
    @GetMapping("/invoices/{invoiceId}")
    JsonNode getInvoice(@PathVariable("companyId") UUID companyId, @PathVariable("invoiceId") String id) {
        return data.get(companyId, null, "invoices", id);
    }

    @Operation(operationId = "list-bills", summary = "List bills")
    @GetMapping("/bills")
    PagedResults<JsonNode> listBills(@PathVariable("companyId") UUID companyId, @ParameterObject ListParams p) {
        return data.list(companyId, null, "bills", "bills", p);
    }

    @Operation(operationId = "get-bill", summary = "Get bill")
    @GetMapping("/bills/{billId}")
    JsonNode getBill(@PathVariable("companyId") UUID companyId, @PathVariable("billId") String id) {
        return data.get(companyId, null, "bills", id);
    }

    @Operation(operationId = "list-payments", summary = "List payments")
    @GetMapping("/payments")
    PagedResults<JsonNode> listPayments(@PathVariable("companyId") UUID companyId, @ParameterObject ListParams p) {
        return data.list(companyId, null, "payments", "payments", p);
    }

    @Operation(operationId = "get-payment", summary = "Get payment")
    @GetMapping("/payments/{paymentId}")
    JsonNode getPayment(@PathVariable("companyId") UUID companyId, @PathVariable("paymentId") String id) {
        return data.get(companyId, null, "payments", id);
    }

    @Operation(operationId = "list-bill-payments", summary = "List bill payments")
    @GetMapping("/billPayments")
    PagedResults<JsonNode> listBillPayments(@PathVariable("companyId") UUID companyId,
            @ParameterObject ListParams p) {
        return data.list(companyId, null, "billPayments", "billPayments", p);
    }

    @Operation(operationId = "get-bill-payments", summary = "Get bill payment")
    @GetMapping("/billPayments/{billPaymentId}")
    JsonNode getBillPayment(@PathVariable("companyId") UUID companyId, @PathVariable("billPaymentId") String id) {
        return data.get(companyId, null, "billPayments", id);
    }

    @Operation(operationId = "list-credit-notes", summary = "List credit notes")
    @GetMapping("/creditNotes")
    PagedResults<JsonNode> listCreditNotes(@PathVariable("companyId") UUID companyId,
            @ParameterObject ListParams p) {
        return data.list(companyId, null, "creditNotes", "creditNotes", p);
    }

    @Operation(operationId = "get-credit-note", summary = "Get credit note")
    @GetMapping("/creditNotes/{creditNoteId}")
    JsonNode getCreditNote(@PathVariable("companyId") UUID companyId, @PathVariable("creditNoteId") String id) {
        return data.get(companyId, null, "creditNotes", id);
    }

    @Operation(operationId = "list-journal-entries", summary = "List journal entries")
    @GetMapping("/journalEntries")
    PagedResults<JsonNode> listJournalEntries(@PathVariable("companyId") UUID companyId,
            @ParameterObject ListParams p) {
        return data.list(companyId, null, "journalEntries", "journalEntries", p);
    }

    @Operation(operationId = "get-journal-entry", summary = "Get journal entry")
    @GetMapping("/journalEntries/{journalEntryId}")
    JsonNode getJournalEntry(@PathVariable("companyId") UUID companyId,
            @PathVariable("journalEntryId") String id) {
        return data.get(companyId, null, "journalEntries", id);
    }
}
