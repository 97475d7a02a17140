package dev.bridgekeeper.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bridgekeeper.audit.AuditEntry;
import dev.bridgekeeper.audit.AuditTrail;
import dev.bridgekeeper.audit.ChainVerification;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.consent.ConsentChannel;
import dev.bridgekeeper.consent.ConsentGranted;
import dev.bridgekeeper.consent.Consent;
import dev.bridgekeeper.consent.ConsentRecords;
import dev.bridgekeeper.consent.ConsentRevoked;
import dev.bridgekeeper.consent.ConsentStatus;
import dev.bridgekeeper.oauth.ConnectionCredentials;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.paging.PageRequest;
import dev.bridgekeeper.platform.paging.Slice;
import dev.bridgekeeper.support.StatementCounter;
import dev.bridgekeeper.sync.SyncScope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.springframework.test.context.TestPropertySource;

/**
 * The consent module with the modules it depends on (company, connection, integration, settings, sync), the audit
 * module that listens to its events, and the shared kernel, against the embedded PostgreSQL. The sync module needs a platform token source from the
 * OAuth module, which consent does not depend on: a stand-in that has no tokens takes its place, and this
 * instance runs no sync jobs, so nothing asks it. The client and company rows are written as an operator would.
 * The files module comes too: it holds the connector of the catalog's upload integration, which the connector
 * registry must find for every catalog entry.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES,
        extraIncludes = {"platform", "audit", "connector", "files"})
@Import(StatementCounter.class)
@ActiveProfiles("test")
@TestPropertySource(properties = "bridgekeeper.sync.worker=false")
class ConsentModuleIT {

    private static final String PRODUCT = "quick-check";

    @TestConfiguration(proxyBeanMethods = false)
    static class NoTokens {

        @Bean
        ConnectionCredentials noTokens() {
            return new ConnectionCredentials() {
                @Override
                public String accessToken(ClientId client, CompanyId company, ConnectionId connection) {
                    throw new ConnectionCredentials.TemporarilyUnavailableException("No tokens in the consent slice");
                }

                @Override
                public String renewAccessToken(ClientId client, CompanyId company, ConnectionId connection,
                        String rejected) {
                    return accessToken(client, company, connection);
                }

                @Override
                public void authorizationRefused(ClientId client, CompanyId company, ConnectionId connection,
                        String reason) {
                    throw new ConnectionCredentials.TemporarilyUnavailableException("No tokens in the consent slice");
                }
            };
        }
    }

    @Autowired
    ConsentRecords consents;

    @Autowired
    ConsentRevocation revocation;

    @Autowired
    ConsentReconfirmation reconfirmation;

    @Autowired
    ConsentQueries queries;

    @Autowired
    SyncScope scope;

    @Autowired
    AuditTrail audit;

    @Autowired
    ConnectionManagement connections;

    @Autowired
    JdbcTemplate jdbc;

    ClientId client;
    CompanyId company;
    DataConnection bank;

    @BeforeEach
    void companyWithAProductAndALinkedBank() {
        client = ClientId.random();
        company = CompanyId.random();
        jdbc.update("insert into client (id, name) values (?, ?)", client.value(), "Consent slice " + client);
        jdbc.update("insert into profile (client_id, name) values (?, 'Slice Lending')", client.value());
        jdbc.update("insert into company (id, client_id, name, description, tags, products, created_utc)"
                + " values (?, ?, 'Consenting Ltd', null, '{}', array[?], now())", company.value(), client.value(),
                PRODUCT);
        bank = connections.create(client, company, "sbbk");
        connections.markLinked(client, company, bank.id(), Map.of());
    }

    @Test
    void aLinkedConnectionWithoutConsentIsPendingUntilTheCustomerAccepts(PublishedEvents events) {
        assertThat(consents.pendingInLink(client, company)).singleElement().satisfies(pending -> {
            assertThat(pending.productIdentifier()).isEqualTo(PRODUCT);
            assertThat(pending.connectionId()).isEqualTo(bank.id().toString());
        });
        assertThat(scope.allowed(client, company, bank.id(), "Banking")).contains(Set.of());

        String shown = "Share your bank data\n\n" + productText() + "\n\nBy continuing you agree.";
        List<Consent> accepted = consents.acceptInLink(client, company, new ConsentRecords.LinkAcceptance(
                bank.id(), "Banking", shown, "test-1", "en-GB", ConsentChannel.Link, "CompanyToken", null, null,
                PRODUCT));

        Consent record = accepted.get(0);
        assertThat(accepted).hasSize(1);
        assertThat(record.status()).isEqualTo(ConsentStatus.Active);
        assertThat(record.text()).isEqualTo(shown);
        assertThat(record.textVersion()).isEqualTo("test-1");
        assertThat(record.connectionIds()).containsExactly(bank.id());
        assertThat(consents.pendingInLink(client, company)).isEmpty();
        assertThat(scope.allowed(client, company, bank.id(), "Banking"))
                .contains(Set.of("banking-accounts", "banking-accountBalances"));
        assertThat(events.ofType(ConsentGranted.class).matching(e -> e.consent().id().equals(record.id())))
                .singleElement().satisfies(e -> {
                    assertThat(e.clientId()).isEqualTo(client);
                    assertThat(e.company()).isEqualTo(new CompanyReference(company, "Consenting Ltd", null, Map.of()));
                });
        assertThat(audit.entries(client, company)).extracting(AuditEntry::eventType).containsExactly("consent.granted");
        assertThat(audit.verify(client, company)).isEqualTo(ChainVerification.intact(1));
    }

    @Test
    void aTextClaimingTheProductsVersionMustHoldTheProductsTextAndNothingIsWrittenOtherwise() {
        assertThat(refusal(() -> consents.acceptInLink(client, company, new ConsentRecords.LinkAcceptance(bank.id(),
                "Banking", "I agree to share my balances.", "test-1", "en-GB", ConsentChannel.Link, "CompanyToken",
                null, null, PRODUCT)))).isEqualTo("text");
        assertThat(refusal(() -> consents.acceptInLink(client, company, new ConsentRecords.LinkAcceptance(bank.id(),
                "Banking", productText(), "test-2", null, ConsentChannel.Link, "CompanyToken", null, null, PRODUCT))))
                .isEqualTo("textVersion");
        assertThat(refusal(() -> consents.acceptInLink(client, company, new ConsentRecords.LinkAcceptance(bank.id(),
                "Banking", productText(), "test-1", "cy-GB", ConsentChannel.Link, "CompanyToken", null, null,
                PRODUCT)))).isEqualTo("locale");
        assertThat(consents.list(client, company)).isEmpty();
        assertThat(audit.hasChain(client, company)).isFalse();

        // without a version the page's own wording is kept as sent, and claims no product text
        Consent own = consents.acceptInLink(client, company, new ConsentRecords.LinkAcceptance(bank.id(), "Banking",
                "I agree to share my balances.", null, null, ConsentChannel.Link, "CompanyToken", null, null,
                PRODUCT)).get(0);
        assertThat(own.textVersion()).isNull();
        assertThat(own.text()).isEqualTo("I agree to share my balances.");
    }

    @Test
    void aRevokedConsentNarrowsSyncAndIsPublishedWithItsCompany(PublishedEvents events) {
        Consent record = consents.acceptInLink(client, company, new ConsentRecords.LinkAcceptance(bank.id(),
                "Banking", "I agree.", null, null, ConsentChannel.HostedLink, "ApiKey", null, null, null)).get(0);

        Consent revoked = revocation.revoke(client, company, record.id().value(), "ApiKey", "customer",
                "Changed my mind", false);

        assertThat(revoked.status()).isEqualTo(ConsentStatus.Revoked);
        assertThat(scope.allowed(client, company, bank.id(), "Banking")).isEqualTo(Optional.of(Set.of()));
        assertThat(events.ofType(ConsentRevoked.class).matching(e -> e.consent().id().equals(record.id())))
                .singleElement().satisfies(e -> {
                    assertThat(e.company().name()).isEqualTo("Consenting Ltd");
                    assertThat(e.revokedVia()).isEqualTo("ApiKey");
                    assertThat(e.unlinkedConnections()).containsExactly(bank.id());
                });
        assertThat(consents.list(client, company)).extracting(Consent::status).containsExactly(ConsentStatus.Revoked);
        assertThat(audit.entries(client, company)).extracting(AuditEntry::eventType)
                .contains("consent.granted", "consent.revoked");
        assertThat(audit.verify(client, company).intact()).isTrue();
    }

    @Test
    void listingReadsAFixedNumberOfStatementsHoweverManyRecordsAndReconfirmations() {
        for (int i = 0; i < 12; i++) {
            Consent consent = consents.acceptInLink(client, company, new ConsentRecords.LinkAcceptance(bank.id(),
                    "Banking", "I agree, " + i + ".", null, null, ConsentChannel.Link, "CompanyToken", null, null,
                    PRODUCT)).get(0);
            reconfirmation.reconfirm(client, company, consent.id().value(), ConsentChannel.Link);
        }
        List<Consent> listed = StatementCounter.counting(() -> consents.list(client, company));
        int statements = StatementCounter.last();

        assertThat(listed).hasSize(12);
        assertThat(listed.get(11).reconfirmations()).hasSize(1);
        assertThat(listed.get(0).status()).as("each repeats the one before").isEqualTo(ConsentStatus.Superseded);
        // the company, the records, and the reconfirmations of all of them: not one query per record
        assertThat(statements).isEqualTo(3);

        // the API's page is cut in SQL: the company, the page's rows, their count, their reconfirmations
        Slice<Consent> page = StatementCounter.counting(() -> queries.page(client, company, PageRequest.of(2, 5)));
        assertThat(StatementCounter.last()).isEqualTo(4);
        assertThat(page.total()).isEqualTo(12);
        assertThat(page.items()).extracting(Consent::id).containsExactlyElementsOf(listed.subList(5, 10).stream()
                .map(Consent::id).toList());
    }

    private String productText() {
        return consents.textsInLink(client, company, "Banking", bank.platformName()).get(0).text();
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            assertThat(e.status().value()).isEqualTo(400);
            return e.fieldErrors().get(0).itemId();
        }
        throw new AssertionError("not refused");
    }
}
