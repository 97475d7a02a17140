package dev.bridgekeeper.connector.xero;

import dev.bridgekeeper.connector.AuthorizationAdapter;
import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.IncrementalSupport;
import dev.bridgekeeper.connector.RatePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Xero (Codat platform key {@code gbol}). Reads, per data type: {@code company} ← {@code GET /Organisation};
 * {@code chartOfAccounts} ← {@code GET /Accounts}; {@code customers} and {@code suppliers} ← {@code GET
 * /Contacts} (paged, archived ones included, {@code IsCustomer}/{@code IsSupplier}); {@code invoices} ← {@code GET
 * /Invoices} (paged, {@code Type=="ACCREC"}). Xero's documented limits (developer.xero.com/faq/limits): per
 * organisation 60 calls a minute, 5,000 a day and 5 in flight; per app 10,000 calls a minute.
 */
@Component
class XeroConnector implements Connector {

    static final String ID = "xero";

    static final RatePolicy LIMITS = new RatePolicy(
            List.of(new RatePolicy.Limit("tenant-minute", RatePolicy.Scope.TENANT, 60, Duration.ofMinutes(1)),
                    new RatePolicy.Limit("tenant-day", RatePolicy.Scope.TENANT, 5_000, Duration.ofDays(1)),
                    new RatePolicy.Limit("app-minute", RatePolicy.Scope.APP, 10_000, Duration.ofMinutes(1))),
            List.of(new RatePolicy.Concurrency("tenant-concurrent", RatePolicy.Scope.TENANT, 5)),
            Map.of("X-MinLimit-Remaining", "tenant-minute", "X-DayLimit-Remaining", "tenant-day",
                    "X-AppMinLimit-Remaining", "app-minute"));

    private final XeroAuthorization authorization;
    private final Map<String, DataTypeReader> readers;

    XeroConnector(JsonMapper json, Clock clock) {
        this.authorization = new XeroAuthorization(json);
        XeroApi api = new XeroApi(json);
        XeroMapping mapping = new XeroMapping(json);
        this.readers = Map.of(
                "company", new XeroListReader(api, new XeroListReader.Endpoint("Organisation", false, null, null,
                        Map.of(), false, (org, context) -> mapping.company(org, clock.instant()))),
                "chartOfAccounts", new XeroListReader(api, new XeroListReader.Endpoint("Accounts", false, null, null,
                        Map.of(), true, (account, context) -> mapping.account(account))),
                "customers", new XeroListReader(api, new XeroListReader.Endpoint("Contacts", true,
                        "IsCustomer==true", null, Map.of("includeArchived", "true"), true,
                        (contact, context) -> mapping.contact(contact, true))),
                "suppliers", new XeroListReader(api, new XeroListReader.Endpoint("Contacts", true,
                        "IsSupplier==true", null, Map.of("includeArchived", "true"), true,
                        (contact, context) -> mapping.contact(contact, false))),
                "invoices", new XeroListReader(api, new XeroListReader.Endpoint("Invoices", true,
                        "Type==\"ACCREC\"", "Date", Map.of(), true, (invoice, context) -> mapping.invoice(invoice))));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public AuthorizationAdapter authorization() {
        return authorization;
    }

    @Override
    public Optional<DataTypeReader> reader(String dataType) {
        return Optional.ofNullable(readers.get(dataType));
    }

    @Override
    public IncrementalSupport incremental(String dataType) {
        // the Organisation has no If-Modified-Since: read whole every time
        return "company".equals(dataType) ? IncrementalSupport.none() : IncrementalSupport.modifiedSince();
    }

    @Override
    public RatePolicy ratePolicy() {
        return LIMITS;
    }
}
