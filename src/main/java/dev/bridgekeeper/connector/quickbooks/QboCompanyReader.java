package dev.bridgekeeper.connector.quickbooks;

import dev.bridgekeeper.connector.DataTypeReader;
import dev.bridgekeeper.connector.PageSink;
import dev.bridgekeeper.connector.ReadContext;
import dev.bridgekeeper.connector.ReadRequest;
import java.time.Clock;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code company}: the realm's {@code CompanyInfo} ({@code GET /companyinfo/{realmId}}) with its {@code Preferences}
 * (home currency, books closed date), read whole every time.
 */
final class QboCompanyReader implements DataTypeReader {

    private final QuickBooksApi api;
    private final QboLists lists;
    private final Clock clock;

    QboCompanyReader(QuickBooksApi api, QboLists lists, Clock clock) {
        this.api = api;
        this.lists = lists;
        this.clock = clock;
    }

    @Override
    public void read(ReadContext context, ReadRequest request, PageSink sink) {
        String realmId = context.organisation().id();
        JsonNode info = api.read(context.http(), context.settings(), realmId, "companyinfo/" + realmId)
                .path("CompanyInfo");
        JsonNode preferences = api.read(context.http(), context.settings(), realmId, "preferences")
                .path("Preferences");
        sink.accept(List.of(lists.company(realmId, info, preferences, clock.instant())), null, 100);
    }
}
