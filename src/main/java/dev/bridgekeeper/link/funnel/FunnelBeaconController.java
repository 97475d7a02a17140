package dev.bridgekeeper.link.funnel;

import dev.bridgekeeper.company.CompanyDirectory;
import dev.bridgekeeper.connection.ConnectionManagement;
import dev.bridgekeeper.connection.DataConnection;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.integration.SourceType;
import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.error.ValidationErrors;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import dev.bridgekeeper.platform.security.Caller;
import dev.bridgekeeper.platform.security.CompanyScopedEndpoints;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Link journey's beacon: the steps only the browser sees (opened, source type chosen, platform chosen, "Can't
 * find yours?") and the connection the journey created, so the server's own facts about it count for this journey.
 * Linked, failed, consent and sign-in are never taken from here.
 */
@RestController
@Tag(name = "Link", description = "Endpoints the Link UI calls with a company access token")
class FunnelBeaconController implements CompanyScopedEndpoints {

    static final String PATH = "/link/api/companies/{companyId}/journeySteps";
    /** The beacon's own word for "this journey created that connection": no step of the funnel. */
    static final String CONNECTION_STARTED = "connectionStarted";

    private final CompanyDirectory companies;
    private final ConnectionManagement connections;
    private final IntegrationCatalog catalog;
    private final JourneyFunnel funnel;

    FunnelBeaconController(CompanyDirectory companies, ConnectionManagement connections, IntegrationCatalog catalog,
            JourneyFunnel funnel) {
        this.companies = companies;
        this.connections = connections;
        this.catalog = catalog;
        this.funnel = funnel;
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(Endpoint.forJourney(HttpMethod.POST, PATH));
    }

    /**
     * {@code journeyId}: a random UUID the journey picks when it starts. {@code step}: opened, sourceTypeChosen,
     * platformChosen, platformMissing or connectionStarted (with {@code connectionId}).
     */
    record LinkJourneyStep(String journeyId, String step, String sourceType, String platformKey, String connectionId) {}

    @Operation(operationId = "record-link-journey-step", summary = "Record a step of the Link journey (Bridgekeeper"
            + " extension)", description = "The Link UI's beacon for the funnel served at GET /link/analytics. Only"
            + " the steps the browser alone sees are taken; consent, sign-in, linked and failed come from the"
            + " server's own records. Capped per journey and per company (429).")
    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void record(@PathVariable UUID companyId, @RequestBody LinkJourneyStep body) {
        ValidationErrors errors = new ValidationErrors();
        if (body == null) {
            errors.reject("body", "The body must be a JSON object with \"journeyId\" and \"step\".").throwIfAny();
        }
        UUID journeyId = uuid(body.journeyId(), "journeyId", errors);
        if (body.journeyId() == null) {
            errors.reject("journeyId", "\"journeyId\" is required: a random UUID for the journey.");
        }
        FunnelStep step = null;
        boolean connectionStarted = CONNECTION_STARTED.equals(body.step());
        if (!connectionStarted) {
            step = FunnelStep.ofWire(body.step()).filter(FunnelStep::fromBrowser).orElse(null);
            if (step == null) {
                errors.reject("step", "\"step\" must be one of opened, sourceTypeChosen, platformChosen,"
                        + " platformMissing, connectionStarted.");
            }
        }
        String sourceType = null;
        if (body.sourceType() != null) {
            sourceType = Arrays.stream(SourceType.values()).map(Enum::name).filter(n -> n.equals(body.sourceType()))
                    .findFirst().orElse(null);
            if (sourceType == null) {
                errors.reject("sourceType", "\"sourceType\" must be one of " + Arrays.stream(SourceType.values())
                        .map(Enum::name).collect(Collectors.joining(", ")) + ".");
            }
        }
        String platformKey = null;
        if (body.platformKey() != null) {
            platformKey = catalog.find(body.platformKey()).map(Integration::key).orElse(null);
            if (platformKey == null) {
                errors.reject("platformKey", "\"platformKey\" names no integration.");
            }
        }
        UUID connectionId = uuid(body.connectionId(), "connectionId", errors);
        if (connectionStarted && body.connectionId() == null) {
            errors.reject("connectionId", "\"connectionId\" is required with connectionStarted.");
        }
        errors.throwIfAny();
        Caller caller = Caller.current();
        CompanyId company = CompanyId.of(companyId);
        companies.require(caller.client(), company);
        if (connectionId != null) {
            // the company's own connection only: its platform and source type are taken from the server's record
            DataConnection connection = connections.get(caller.client(), company, ConnectionId.of(connectionId));
            platformKey = connection.platformKey();
            sourceType = connection.sourceType();
        }
        JourneyFunnel.Taken taken = funnel.beacon(new JourneyFunnel.Beacon(caller.clientId(), companyId, journeyId,
                step, sourceType, platformKey, connectionId));
        switch (taken) {
            case JOURNEY_FULL -> throw new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                    "This journey has recorded as many steps as it may.");
            case COMPANY_FULL -> throw new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                    "This company has started as many journeys this hour as it may.");
            case FOREIGN_JOURNEY -> throw ApiException.badRequest("journeyId",
                    "\"journeyId\" belongs to another journey: pick a new random UUID.");
            case RECORDED -> { }
        }
    }

    private static UUID uuid(String value, String field, ValidationErrors errors) {
        if (value == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(value);
            if (id.toString().equals(value.toLowerCase(java.util.Locale.ROOT))) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.reject(field, "\"" + field + "\" must be a UUID.");
        return null;
    }
}
