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
 * Codat's commerce data endpoints over the cache, per connection. Operation ids carry a {@code commerce-} prefix
 * because Codat's own ({@code list-customers}, {@code get-company-info}…) repeat the accounting ones.
 */
@RestController
@RequestMapping("/companies/{companyId}/connections/{connectionId}/data")
@Tag(name = "Commerce")
class CommerceDataController {

    private final CachedData data;

    CommerceDataController(CachedData data) {
        this.data = data;
    }

    @Operation(operationId = "get-commerce-company-info", summary = "Get commerce company info")
    @GetMapping("/commerce-info")
    JsonNode getCompanyInfo(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId) {
        return data.single(companyId, connectionId, "commerce-companyInfo", "commerce company information");
    }

    @Operation(operationId = "list-commerce-customers", summary = "List commerce customers")
    @GetMapping("/commerce-customers")
    PagedResults<JsonNode> listCustomers(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "commerce-customers", "commerce-customers", p);
    }

    @Operation(operationId = "get-commerce-customer", summary = "Get commerce customer")
    @GetMapping("/commerce-customers/{customerId}")
    JsonNode getCustomer(@PathVariable("companyId") UUID companyId, @PathVariable("connectionId") UUID connectionId,
            @PathVariable("customerId") String id) {
        return data.get(companyId, connectionId, "commerce-customers", id);
    }

    @Operation(operationId = "list-commerce-orders", summary = "List commerce orders")
    @GetMapping("/commerce-orders")
    PagedResults<JsonNode> listOrders(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "commerce-orders", "commerce-orders", p);
    }

    @Operation(operationId = "get-commerce-order", summary = "Get commerce order")
    @GetMapping("/commerce-orders/{orderId}")
    JsonNode getOrder(@PathVariable("companyId") UUID companyId, @PathVariable("connectionId") UUID connectionId,
            @PathVariable("orderId") String id) {
        return data.get(companyId, connectionId, "commerce-orders", id);
    }

    @Operation(operationId = "list-commerce-products", summary = "List commerce products")
    @GetMapping("/commerce-products")
    PagedResults<JsonNode> listProducts(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "commerce-products", "commerce-products", p);
    }

    @Operation(operationId = "get-commerce-product", summary = "Get commerce product")
    @GetMapping("/commerce-products/{productId}")
    JsonNode getProduct(@PathVariable("companyId") UUID companyId, @PathVariable("connectionId") UUID connectionId,
            @PathVariable("productId") String id) {
        return data.get(companyId, connectionId, "commerce-products", id);
    }

    @Operation(operationId = "list-commerce-payments", summary = "List commerce payments")
    @GetMapping("/commerce-payments")
    PagedResults<JsonNode> listPayments(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "commerce-payments", "commerce-payments", p);
    }

    @Operation(operationId = "get-commerce-payment", summary = "Get commerce payment")
    @GetMapping("/commerce-payments/{paymentId}")
    JsonNode getPayment(@PathVariable("companyId") UUID companyId, @PathVariable("connectionId") UUID connectionId,
            @PathVariable("paymentId") String id) {
        return data.get(companyId, connectionId, "commerce-payments", id);
    }

    @Operation(operationId = "list-commerce-transactions", summary = "List commerce transactions")
    @GetMapping("/commerce-transactions")
    PagedResults<JsonNode> listTransactions(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @ParameterObject ListParams p) {
        return data.list(companyId, connectionId, "commerce-transactions", "commerce-transactions", p);
    }

    @Operation(operationId = "get-commerce-transaction", summary = "Get commerce transaction")
    @GetMapping("/commerce-transactions/{transactionId}")
    JsonNode getTransaction(@PathVariable("companyId") UUID companyId,
            @PathVariable("connectionId") UUID connectionId, @PathVariable("transactionId") String id) {
        return data.get(companyId, connectionId, "commerce-transactions", id);
    }
}
