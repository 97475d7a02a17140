package dev.bridgekeeper.company.internal;

import dev.bridgekeeper.company.CompanyCreated;
import dev.bridgekeeper.company.CompanyDeleted;
import dev.bridgekeeper.company.CompanyDetails;
import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyProductAdded;
import dev.bridgekeeper.company.CompanyProductRemoved;
import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
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

/**
 * Creates, changes and lists companies; publishes {@link CompanyCreated} and {@link CompanyDeleted}. Answers in
 * {@link CompanyDetails}: the controller adds the connections and turns them into Codat's shape.
 */
@Service
class CompanyManagement implements CompanyDirectory, CompanyProducts {

    private final CompanyStore store;
    private final CompanyQuery query;
    private final ApplicationEventPublisher events;
    private final PublicUrl publicUrl;
    private final Clock clock;

    CompanyManagement(CompanyStore store, CompanyQuery query, ApplicationEventPublisher events, PublicUrl publicUrl,
            Clock clock) {
        this.store = store;
        this.query = query;
        this.events = events;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CompanyReference> find(ClientId clientId, CompanyId companyId) {
        return store.find(clientId.value(), companyId.value()).map(row -> details(row).reference());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ClientId> ownerOf(CompanyId companyId) {
        return store.ownerOf(companyId.value()).map(ClientId::of);
    }

    @Override
    @Transactional(readOnly = true)
    public CompanyReference require(ClientId clientId, CompanyId companyId) {
        return find(clientId, companyId).orElseThrow(() -> notFound(companyId));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CompanyDetails> details(ClientId clientId, CompanyId companyId) {
        return store.find(clientId.value(), companyId.value()).map(this::details);
    }

    @Transactional(readOnly = true)
    Slice<CompanyDetails> list(ClientId clientId, PageRequest page, String queryText, String orderBy, String tags) {
        SqlWhere filter = query.filter(queryText, tags);
        CompanyStore.Slice slice = store.list(clientId.value(), filter, query.orderBy(orderBy), page.pageSize(),
                page.offset());
        return new Slice<>(slice.rows().stream().map(this::details).toList(), slice.total());
    }

    /** The new company as the caller sent it (tags in the request's order), as Codat answers a create. */
    @Transactional
    CompanyDetails create(ClientId clientId, String name, String description, Map<String, String> tags) {
        ValidationErrors errors = new ValidationErrors();
        CompanyInput.checkName(errors, name, true);
        CompanyInput.checkDescription(errors, description);
        CompanyInput.checkTags(errors, tags);
        errors.throwIfAny();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CompanyRow row = new CompanyRow(UUID.randomUUID(), name.trim(), description, tags == null ? Map.of() : tags,
                List.of(), now, null, null);
        // the row as stored (the insert returns it): what a read of it would give, without the read
        CompanyRow stored = store.insert(clientId.value(), row);
        events.publishEvent(new CompanyCreated(clientId, details(stored), now));
        return details(row);
    }

    @Transactional(readOnly = true)
    CompanyDetails get(ClientId clientId, CompanyId companyId) {
        return details(clientId, companyId).orElseThrow(() -> notFound(companyId));
    }

    /** PUT: the body is the whole company; omitted description and tags are cleared. */
    @Transactional
    CompanyDetails replace(ClientId clientId, CompanyId companyId, String name, String description,
            Map<String, String> tags) {
        ValidationErrors errors = new ValidationErrors();
        CompanyInput.checkName(errors, name, true);
        CompanyInput.checkDescription(errors, description);
        CompanyInput.checkTags(errors, tags);
        errors.throwIfAny();
        if (!store.update(clientId.value(), companyId.value(), name.trim(), description,
                tags == null ? Map.of() : tags)) {
            throw notFound(companyId);
        }
        return get(clientId, companyId);
    }

    /** PATCH: only the fields present change. */
    @Transactional
    CompanyDetails update(ClientId clientId, CompanyId companyId, String name, String description,
            Map<String, String> tags) {
        ValidationErrors errors = new ValidationErrors();
        CompanyInput.checkName(errors, name, false);
        CompanyInput.checkDescription(errors, description);
        CompanyInput.checkTags(errors, tags);
        errors.throwIfAny();
        CompanyRow current = locked(clientId, companyId);
        store.update(clientId.value(), companyId.value(), name == null ? current.name() : name.trim(),
                description == null ? current.description() : description, tags == null ? current.tags() : tags);
        return get(clientId, companyId);
    }

    @Transactional
    void delete(ClientId clientId, CompanyId companyId) {
        // the company row before anything else: the pulls writing its data lock it first too, so the two never
        // wait for each other in opposite orders (a deadlock)
        CompanyRow row = store.findForUpdate(clientId.value(), companyId.value(), true)
                .orElseThrow(() -> notFound(companyId));
        // published before the rows go (same transaction) so listeners can still read what they own
        events.publishEvent(new CompanyDeleted(clientId, details(row), clock.instant()));
        store.delete(clientId.value(), companyId.value());
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> products(ClientId clientId, CompanyId companyId) {
        return get(clientId, companyId).products();
    }

    @Override
    @Transactional
    public boolean add(ClientId clientId, CompanyId companyId, String productIdentifier) {
        CompanyRow row = locked(clientId, companyId);
        if (row.products().contains(productIdentifier)
                || !store.addProduct(clientId.value(), companyId.value(), productIdentifier)) {
            return false;
        }
        List<String> products = new java.util.ArrayList<>(row.products());
        products.add(productIdentifier);
        events.publishEvent(new CompanyProductAdded(clientId, details(row).reference(), productIdentifier,
                List.copyOf(products), clock.instant()));
        return true;
    }

    @Override
    @Transactional
    public boolean remove(ClientId clientId, CompanyId companyId, String productIdentifier) {
        CompanyRow row = locked(clientId, companyId);
        if (!row.products().contains(productIdentifier)
                || !store.removeProduct(clientId.value(), companyId.value(), productIdentifier)) {
            return false;
        }
        List<String> products = row.products().stream().filter(p -> !p.equals(productIdentifier)).toList();
        events.publishEvent(new CompanyProductRemoved(clientId, details(row).reference(), productIdentifier, products,
                clock.instant()));
        return true;
    }

    @Override
    @Transactional
    public void recordSync(ClientId clientId, CompanyId companyId, Instant completed) {
        store.recordSync(clientId.value(), companyId.value(), completed);
    }

    private CompanyRow locked(ClientId clientId, CompanyId companyId) {
        return store.findForUpdate(clientId.value(), companyId.value(), false).orElseThrow(() -> notFound(companyId));
    }

    private CompanyDetails details(CompanyRow row) {
        return new CompanyDetails(CompanyId.of(row.id()), row.name(), row.description(), row.tags(), row.products(),
                row.created(), row.createdByUserName(), row.lastSync(), publicUrl.resolve("/link/" + row.id()));
    }

    private static ApiException notFound(CompanyId companyId) {
        return ApiException.notFound("Company " + companyId + " does not exist.");
    }
}
