package dev.bridgekeeper.company.internal;

import dev.bridgekeeper.company.Company;
import dev.bridgekeeper.company.CompanyConnections;
import dev.bridgekeeper.company.CompanyCreated;
import dev.bridgekeeper.company.CompanyDeleted;
import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.PagedResults;
import dev.bridgekeeper.platform.query.SqlWhere;
import dev.bridgekeeper.platform.web.PublicUrl;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, changes and lists companies; publishes {@link CompanyCreated} and {@link CompanyDeleted}. */
@Service
class CompanyManagement implements CompanyDirectory, CompanyProducts {

    private final CompanyStore store;
    private final CompanyQuery query;
    private final CompanyConnections connections;
    private final ApplicationEventPublisher events;
    private final PublicUrl publicUrl;
    private final Clock clock;

    CompanyManagement(CompanyStore store, CompanyQuery query, CompanyConnections connections,
            ApplicationEventPublisher events, PublicUrl publicUrl, Clock clock) {
        this.store = store;
        this.query = query;
        this.connections = connections;
        this.events = events;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CompanyReference> find(UUID clientId, UUID companyId) {
        return store.find(clientId, companyId).map(CompanyManagement::reference);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> ownerOf(UUID companyId) {
        return store.ownerOf(companyId);
    }

    @Override
    @Transactional(readOnly = true)
    public CompanyReference require(UUID clientId, UUID companyId) {
        return find(clientId, companyId).orElseThrow(() -> notFound(companyId));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Company> details(UUID clientId, UUID companyId) {
        return store.find(clientId, companyId).map(row -> view(row, null));
    }

    @Transactional(readOnly = true)
    PagedResults<Company> list(UUID clientId, PageRequest page, String queryText, String orderBy, String tags,
            Map<String, String> carried) {
        SqlWhere filter = query.filter(queryText, tags);
        CompanyStore.Slice slice = store.list(clientId, filter, query.orderBy(orderBy), page.pageSize(), page.offset());
        Map<UUID, List<?>> byCompany = connections.connectionsOf(clientId,
                slice.rows().stream().map(CompanyRow::id).toList());
        List<Company> results = slice.rows().stream()
                .map(row -> view(row, byCompany.getOrDefault(row.id(), List.of())))
                .toList();
        return PagedResults.of(results, page, slice.total(), "/companies", carried);
    }

    @Transactional
    Company create(UUID clientId, String name, String description, Map<String, String> tags) {
        ValidationErrors errors = new ValidationErrors();
        CompanyInput.checkName(errors, name, true);
        CompanyInput.checkDescription(errors, description);
        CompanyInput.checkTags(errors, tags);
        errors.throwIfAny();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CompanyRow row = new CompanyRow(UUID.randomUUID(), name.trim(), description, tags == null ? Map.of() : tags,
                List.of(), now, null, null);
        // the row as stored (the insert returns it): what a read of it would give, without the read
        CompanyRow stored = store.insert(clientId, row);
        events.publishEvent(new CompanyCreated(clientId, reference(row), view(stored, null), now));
        return view(row, List.of());
    }

    @Transactional(readOnly = true)
    Company get(UUID clientId, UUID companyId) {
        CompanyRow row = store.find(clientId, companyId).orElseThrow(() -> notFound(companyId));
        return view(row, connections.connectionsOf(clientId, List.of(companyId)).getOrDefault(companyId, List.of()));
    }

    /** PUT: the body is the whole company; omitted description and tags are cleared. */
    @Transactional
    Company replace(UUID clientId, UUID companyId, String name, String description, Map<String, String> tags) {
        ValidationErrors errors = new ValidationErrors();
        CompanyInput.checkName(errors, name, true);
        CompanyInput.checkDescription(errors, description);
        CompanyInput.checkTags(errors, tags);
        errors.throwIfAny();
        if (!store.update(clientId, companyId, name.trim(), description, tags == null ? Map.of() : tags)) {
            throw notFound(companyId);
        }
        return get(clientId, companyId);
    }

    /** PATCH: only the fields present change. */
    @Transactional
    Company update(UUID clientId, UUID companyId, String name, String description, Map<String, String> tags) {
        ValidationErrors errors = new ValidationErrors();
        CompanyInput.checkName(errors, name, false);
        CompanyInput.checkDescription(errors, description);
        CompanyInput.checkTags(errors, tags);
        errors.throwIfAny();
        CompanyRow current = store.findForUpdate(clientId, companyId).orElseThrow(() -> notFound(companyId));
        store.update(clientId, companyId, name == null ? current.name() : name.trim(),
                description == null ? current.description() : description, tags == null ? current.tags() : tags);
        return get(clientId, companyId);
    }

    @Transactional
    void delete(UUID clientId, UUID companyId) {
        CompanyRow row = store.findForUpdate(clientId, companyId).orElseThrow(() -> notFound(companyId));
        // published before the rows go (same transaction) so listeners can still read what they own
        events.publishEvent(new CompanyDeleted(clientId, reference(row), clock.instant()));
        store.delete(clientId, companyId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> products(UUID clientId, UUID companyId) {
        return store.find(clientId, companyId).orElseThrow(() -> notFound(companyId)).products();
    }

    @Override
    @Transactional
    public boolean add(UUID clientId, UUID companyId, String productIdentifier) {
        CompanyRow row = store.findForUpdate(clientId, companyId).orElseThrow(() -> notFound(companyId));
        return !row.products().contains(productIdentifier) && store.addProduct(clientId, companyId, productIdentifier);
    }

    @Override
    @Transactional
    public boolean remove(UUID clientId, UUID companyId, String productIdentifier) {
        CompanyRow row = store.findForUpdate(clientId, companyId).orElseThrow(() -> notFound(companyId));
        return row.products().contains(productIdentifier)
                && store.removeProduct(clientId, companyId, productIdentifier);
    }

    private Company view(CompanyRow row, List<?> dataConnections) {
        return new Company(row.id().toString(), row.name(), row.description(),
                publicUrl.resolve("/link/" + row.id()), row.lastSync(), row.created(), row.createdByUserName(),
                row.products(), row.tags(), List.of(), dataConnections);
    }

    private static CompanyReference reference(CompanyRow row) {
        return new CompanyReference(row.id(), row.name(), row.tags());
    }

    private static ApiException notFound(UUID companyId) {
        return ApiException.notFound("Company " + companyId + " does not exist.");
    }

    @Override
    @Transactional
    public void recordSync(UUID clientId, UUID companyId, java.time.Instant completed) {
        store.recordSync(clientId, companyId, completed);
    }
}
