package dev.bridgekeeper.data.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.platform.DataType;
import dev.bridgekeeper.platform.DataType.Endpoint;
import dev.bridgekeeper.platform.DataTypes;
import dev.bridgekeeper.support.CodatRecordSchemas;
import dev.bridgekeeper.support.CodatSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record schemas the served OpenAPI document uses are Codat's: the committed resource is exactly what
 * {@link CodatRecordSchemas} builds from Codat's documents for the schemas the registry names.
 */
class CodatRecordSchemasTest {

    static final Path RESOURCE = Path.of("src/main/resources/" + RecordsDocument.SCHEMAS);

    @Test
    void theServedRecordSchemasAreCodatsForEverySchemaTheRegistryNames() throws Exception {
        Map<String, String> records = new LinkedHashMap<>();
        for (DataType type : DataTypes.synced()) {
            for (Endpoint endpoint : type.endpoints()) {
                if (endpoint.schema() != null) {
                    records.put(endpoint.schema(), endpoint.list() == null ? null : endpoint.pageSchema());
                }
            }
        }
        JsonNode expected = CodatRecordSchemas.generate(CodatSchemas.accounting().document(), records,
                Set.copyOf(RecordsDocument.REPORT_SCHEMAS));
        JsonMapper json = JsonMapper.builder().build();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/codat-accounting-schemas.json"),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(expected) + "\n");
        assertThat(RESOURCE).as(RESOURCE + " is missing; copy target/codat-accounting-schemas.json there").exists();
        assertThat(json.readTree(Files.readString(RESOURCE)))
                .as(RESOURCE + " is not what Codat's documents give; review target/codat-accounting-schemas.json"
                        + " and copy it over")
                .isEqualTo(expected);
        assertThat(expected.propertyNames()).contains("AccountingTaxRate", "AccountingTaxRates", "PagingInfo",
                "AccountingAgedDebtorReport", "DateTime");
        assertThat(expected.toString()).doesNotContain("/definitions/").doesNotContain("/allOf/");
    }
}
