package dev.bridgekeeper.company.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bridgekeeper.company.CompanyConnections;
import dev.bridgekeeper.company.CompanyCreated;
import dev.bridgekeeper.company.CompanyDeleted;
import dev.bridgekeeper.company.CompanyDetails;
import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.support.ModuleSlice;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.PublishedEvents;
import org.springframework.test.context.ActiveProfiles;

/**
 * The company module on its own, with the shared kernel, against the embedded PostgreSQL. The connection module
 * that supplies dataConnections is not here: a stand-in answers.
 */
@ApplicationModuleTest(extraIncludes = "platform")
@Import(ModuleSlice.class)
@ActiveProfiles("test")
class CompanyModuleIT {

    @TestConfiguration
    static class NoConnections {

        @Bean
        CompanyConnections companyConnections() {
            return (clientId, companyIds) -> Map.of();
        }
    }

    @Autowired
    CompanyManagement companies;

    @Autowired
    CompanyDirectory directory;

    @Autowired
    CompanyProducts products;

    @Autowired
    JdbcTemplate jdbc;

    ClientId client;

    @BeforeEach
    void client() {
        client = ClientId.random();
        jdbc.update("insert into client (id, name) values (?, ?)", client.value(), "Company slice " + client);
    }

    @Test
    void aCreatedCompanyIsPublishedOnceAsStoredAndReadBackThroughTheDirectory(PublishedEvents events) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("segment", "sme");
        tags.put("id", "42");
        CompanyDetails created = companies.create(client, "Müller GmbH", "Bakery", tags);

        assertThat(created.tags().keySet()).as("the answer keeps the caller's order").containsExactly("segment", "id");
        assertThat(events.ofType(CompanyCreated.class).matching(CompanyCreated::clientId, client)).hasSize(1);
        CompanyCreated published = events.ofType(CompanyCreated.class).matching(CompanyCreated::clientId, client)
                .iterator().next();
        // jsonb keeps shorter keys first: the event carries the row as stored, not the caller's map
        assertThat(published.company().tags().keySet()).containsExactly("id", "segment");
        assertThat(published.company()).isEqualTo(directory.details(client, created.id()).orElseThrow());
        assertThat(published.company().redirect()).endsWith("/link/" + created.id());

        assertThat(directory.require(client, created.id()))
                .isEqualTo(new CompanyReference(created.id(), "Müller GmbH", "Bakery", published.company().tags()));
        assertThat(directory.ownerOf(created.id())).contains(client);
        assertThat(directory.find(ClientId.random(), created.id())).as("another client's company").isEmpty();
    }

    @Test
    void listsPageByPageWithTheTotal() {
        for (int i = 0; i < 5; i++) {
            companies.create(client, "Lister " + i, null, null);
        }
        var firstTwo = companies.list(client, PageRequest.of(1, 2), null, null, null);
        var nextTwo = companies.list(client, PageRequest.of(2, 2), null, null, null);
        var lastOne = companies.list(client, PageRequest.of(3, 2), null, null, null);
        assertThat(firstTwo.total()).isEqualTo(5);
        assertThat(firstTwo.items()).hasSize(2);
        assertThat(nextTwo.items()).hasSize(2);
        assertThat(lastOne.items()).hasSize(1);
        // companies created within the same instant may come in either order; the pages still hold each once
        assertThat(java.util.stream.Stream.of(firstTwo, nextTwo, lastOne).flatMap(page -> page.items().stream())
                .map(CompanyDetails::name)).containsExactlyInAnyOrder("Lister 0", "Lister 1", "Lister 2", "Lister 3",
                        "Lister 4");
        assertThat(companies.list(client, PageRequest.of(1, 10), "name=Lister 3", null, null).items())
                .singleElement().extracting(CompanyDetails::name).isEqualTo("Lister 3");
    }

    @Test
    void lastSyncNeverMovesBackAndProductsAreKeptInOrder() {
        CompanyId id = companies.create(client, "Synced Ltd", null, null).id();
        Instant later = Instant.parse("2026-05-01T10:00:00Z");
        directory.recordSync(client, id, later);
        directory.recordSync(client, id, later.minusSeconds(3600));
        assertThat(directory.details(client, id).orElseThrow().lastSync()).isEqualTo(later);

        assertThat(products.add(client, id, "lending")).isTrue();
        assertThat(products.add(client, id, "monitoring")).isTrue();
        assertThat(products.add(client, id, "lending")).as("already there").isFalse();
        assertThat(products.products(client, id)).containsExactly("lending", "monitoring");
        assertThat(products.remove(client, id, "lending")).isTrue();
        assertThat(products.remove(client, id, "lending")).isFalse();
        assertThat(products.products(client, id)).containsExactly("monitoring");
    }

    @Test
    void aDeletedCompanyIsPublishedAsItWasAndIsGone(PublishedEvents events) {
        CompanyDetails company = companies.create(client, "Gone Ltd", "Closing", Map.of("region", "north"));
        companies.delete(client, company.id());

        assertThat(events.ofType(CompanyDeleted.class).matching(CompanyDeleted::clientId, client))
                .singleElement().satisfies(e -> assertThat(e.company()).isEqualTo(company));
        assertThat(directory.find(client, company.id())).isEmpty();
        assertThatThrownBy(() -> directory.require(client, company.id())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Company " + company.id() + " does not exist."));
        assertThatThrownBy(() -> products.products(client, company.id())).isInstanceOf(ApiException.class);
        assertThat(jdbc.queryForObject("select count(*) from company where id = ?", Integer.class,
                company.id().value())).isZero();
    }

    @Test
    void anUnknownCompanyIsA404ForEveryWrite() {
        CompanyId nowhere = CompanyId.of(UUID.randomUUID());
        assertThatThrownBy(() -> companies.update(client, nowhere, "X", null, null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> companies.delete(client, nowhere)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> products.add(client, nowhere, "lending")).isInstanceOf(ApiException.class);
        assertThat(directory.ownerOf(nowhere)).isEmpty();
    }
}
