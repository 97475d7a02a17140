package dev.bridgekeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.platform.DataType.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry holds Codat's names once each, and the read API's paths and operation ids once each. */
class DataTypesTest {

    /** The names of Codat's DataType enum (its Accounting API document), in its order. */
    private static final List<String> CODAT = List.of("accountTransactions", "balanceSheet", "bankAccounts",
            "bankTransactions", "billCreditNotes", "billPayments", "bills", "cashFlowStatement", "chartOfAccounts",
            "company", "creditNotes", "customers", "directCosts", "directIncomes", "invoices", "items",
            "journalEntries", "journals", "paymentMethods", "payments", "profitAndLoss", "purchaseOrders",
            "salesOrders", "suppliers", "taxRates", "trackingCategories", "transfers", "banking-accountBalances",
            "banking-accounts", "banking-transactionCategories", "banking-transactions", "commerce-companyInfo",
            "commerce-customers", "commerce-disputes", "commerce-locations", "commerce-orders",
            "commerce-paymentMethods", "commerce-payments", "commerce-productCategories", "commerce-products",
            "commerce-taxComponents", "commerce-transactions");

    @Test
    void everyNameOfCodatsModelIsRegisteredOnceInCodatsOrder() {
        assertThat(DataTypes.all()).extracting(DataType::name).containsExactlyElementsOf(CODAT);
        assertThat(DataTypes.isKnown("salesOrders")).isTrue();
        assertThat(DataTypes.isSynced("salesOrders")).isFalse();
        assertThat(DataTypes.isKnown("financials/balanceSheet")).isFalse();
        assertThat(DataTypes.find(null)).isEmpty();
    }

    @Test
    void everySyncedRecordTypeHasAnEndpointAndPathsAndOperationIdsAreUnique() {
        List<String> paths = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        for (DataType type : DataTypes.synced()) {
            assertThat(type.endpoints().isEmpty()).as(type.name()).isEqualTo(type.report());
            for (Endpoint endpoint : type.endpoints()) {
                paths.add(endpoint.template());
                if (endpoint.list() != null) {
                    operations.add(endpoint.list().id());
                }
                if (endpoint.get() != null) {
                    operations.add(endpoint.get().id());
                    if (endpoint.list() != null) {
                        paths.add(endpoint.recordTemplate());
                        assertThat(endpoint.get().idParameter()).as(type.name()).isNotBlank();
                    }
                }
            }
        }
        assertThat(paths).doesNotHaveDuplicates();
        assertThat(operations).doesNotHaveDuplicates();
    }

    @Test
    void theRegistryKnowsWhereRecordsAreServedAndWhatDatesThem() {
        DataType invoices = DataTypes.find("invoices").orElseThrow();
        assertThat(invoices.source()).isEqualTo(DataType.Source.Accounting);
        assertThat(invoices.endpoints().get(0).template()).isEqualTo("/companies/{companyId}/data/invoices");
        assertThat(invoices.endpoints().get(0).recordTemplate())
                .isEqualTo("/companies/{companyId}/data/invoices/{invoiceId}");
        assertThat(invoices.dateField()).isEqualTo("issueDate");
        assertThat(invoices.moneyFields()).contains("totalAmount", "amountDue");
        assertThat(DataTypes.find("banking-accounts").orElseThrow().endpoints().get(0).template())
                .isEqualTo("/companies/{companyId}/connections/{connectionId}/data/banking-accounts");
        assertThat(DataTypes.find("profitAndLoss").orElseThrow().report()).isTrue();
        assertThat(DataTypes.find("customers").orElseThrow().dateField()).isNull();
    }
}
