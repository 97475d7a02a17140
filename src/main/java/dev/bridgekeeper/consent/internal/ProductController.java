package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.sync.DataSync;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Codat's product endpoints: assign a product to a company, remove it, refresh its data; plus the list of
 * configured products (a Bridgekeeper extension) so a lender can see what each one reads and how long consent
 * lasts.
 */
@RestController
@Tag(name = "Products")
class ProductController {

    private static final String PATH = "/companies/{companyId}/products/{productIdentifier}";

    private final ProductCatalog products;
    private final CompanyProducts companies;
    private final DataSync sync;

    ProductController(ProductCatalog products, CompanyProducts companies, DataSync sync) {
        this.products = products;
        this.companies = companies;
        this.sync = sync;
    }

    record RefreshBody(List<String> dataTypes) {}

    @Operation(operationId = "list-products", summary = "List the configured products",
            description = "Bridgekeeper extension: each product's source types, data types, consent texts,"
                    + " retention and consent policy, as configured under bridgekeeper.products.")
    @GetMapping("/products")
    List<Product> list() {
        return products.all();
    }

    @Operation(operationId = "add-product", summary = "Add product",
            description = "Assigns the product to the company. From then on the company syncs the union of its"
                    + " products' data types, each only while a consent for it is active.")
    @PutMapping(PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> add(@PathVariable UUID companyId, @PathVariable String productIdentifier) {
        Product product = products.require(productIdentifier);
        companies.add(Caller.current().client(), CompanyId.of(companyId), product.identifier());
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "remove-product", summary = "Remove product",
            description = "The company stops syncing the data types only this product needed. Its consent records"
                    + " are kept as evidence.")
    @DeleteMapping(PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    ResponseEntity<Void> remove(@PathVariable UUID companyId, @PathVariable String productIdentifier) {
        Product product = products.require(productIdentifier);
        if (!companies.remove(Caller.current().client(), CompanyId.of(companyId), product.identifier())) {
            throw ApiException.notFound("Company " + companyId + " does not have the product \"" + productIdentifier
                    + "\".");
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "refresh-product-data", summary = "Refresh product data",
            description = "Queues the product's data types (or the ones named) on the company's Linked connections"
                    + " whose consents cover them.")
    @PostMapping(PATH + "/refresh")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Transactional
    ResponseEntity<Void> refresh(@PathVariable UUID companyId, @PathVariable String productIdentifier,
            @RequestBody(required = false) RefreshBody body) {
        Product product = products.require(productIdentifier);
        if (!companies.products(Caller.current().client(), CompanyId.of(companyId)).contains(product.identifier())) {
            throw ApiException.notFound("Company " + companyId + " does not have the product \"" + productIdentifier
                    + "\"; add it with PUT /companies/" + companyId + "/products/" + productIdentifier + " first.");
        }
        List<String> dataTypes = product.dataTypes();
        if (body != null && body.dataTypes() != null) {
            ValidationErrors errors = new ValidationErrors();
            if (body.dataTypes().isEmpty()) {
                errors.reject("dataTypes", "\"dataTypes\" must name at least one data type, or be left out.");
            }
            for (String dataType : body.dataTypes()) {
                if (!dataTypes.contains(dataType)) {
                    errors.reject("dataTypes", "\"" + dataType + "\" is not a data type of the product \""
                            + productIdentifier + "\"; use any of " + String.join(", ", dataTypes) + ".");
                }
            }
            errors.throwIfAny();
            dataTypes = body.dataTypes();
        }
        sync.queueDataTypes(Caller.current().client(), CompanyId.of(companyId), dataTypes);
        return ResponseEntity.accepted().build();
    }
}
