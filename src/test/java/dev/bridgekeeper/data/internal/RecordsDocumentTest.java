package dev.bridgekeeper.data.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.Paths;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The registry's read API is documented from the registry, with Codat's record schemas as they are published. */
class RecordsDocumentTest {

    private final OpenAPI document = document();

    private static OpenAPI document() {
        OpenAPI openApi = new OpenAPI().components(new Components()).paths(new Paths());
        new RecordsDocument().customise(openApi);
        return openApi;
    }

    @Test
    void codatsSchemasReachTheDocumentUnchanged() throws Exception {
        ObjectMapper json = Json31.mapper();
        JsonNode published = json.readTree(Files.readString(CodatRecordSchemasTest.RESOURCE));
        com.fasterxml.jackson.databind.node.ObjectNode served = json.createObjectNode();
        published.properties().forEach(schema -> served.set(schema.getKey(),
                json.valueToTree(document.getComponents().getSchemas().get(schema.getKey()))));
        // compared as written (the model holds numbers as BigDecimal) and with "required" in name order, as the
        // document generator's model keeps it as a set
        assertThat(sortedRequired(json.readTree(json.writeValueAsString(served))))
                .isEqualTo(sortedRequired(published));
    }

    private static JsonNode sortedRequired(JsonNode node) {
        JsonNode copy = node.deepCopy();
        sort(copy);
        return copy;
    }

    private static void sort(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            JsonNode required = object.get("required");
            if (required != null && required.isArray()) {
                java.util.List<String> names = new java.util.ArrayList<>();
                required.forEach(n -> names.add(n.asText()));
                java.util.Collections.sort(names);
                com.fasterxml.jackson.databind.node.ArrayNode sorted = object.putArray("required");
                names.forEach(sorted::add);
            }
        }
        node.forEach(RecordsDocumentTest::sort);
    }

    @Test
    void eachEndpointIsOneOperationWithItsParametersAndRecordSchema() {
        Operation taxRates = document.getPaths().get("/companies/{companyId}/data/taxRates").getGet();
        assertThat(taxRates.getOperationId()).isEqualTo("list-tax-rates");
        assertThat(taxRates.getTags()).containsExactly("Accounting");
        assertThat(taxRates.getParameters()).extracting(p -> p.getName())
                .containsExactly("companyId", "page", "pageSize", "query", "orderBy");
        assertThat(taxRates.getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/AccountingTaxRates");
        Operation taxRate = document.getPaths().get("/companies/{companyId}/data/taxRates/{taxRateId}").getGet();
        assertThat(taxRate.getParameters()).extracting(p -> p.getName()).containsExactly("companyId", "taxRateId");

        Operation bankTransactions = document.getPaths().get(
                "/companies/{companyId}/connections/{connectionId}/data/bankAccounts/{accountId}/bankTransactions")
                .getGet();
        assertThat(bankTransactions.getOperationId()).isEqualTo("list-bank-account-transactions");
        assertThat(bankTransactions.getParameters()).extracting(p -> p.getName())
                .containsExactly("companyId", "connectionId", "accountId", "page", "pageSize", "query", "orderBy");

        Operation invoices = document.getPaths().get("/companies/{companyId}/data/invoices").getGet();
        assertThat(invoices.getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
                .isEqualTo("#/components/schemas/PagedResultsJsonNode");
    }
}
