package dev.bridgekeeper.connector.internal;

import dev.bridgekeeper.connector.Connector;
import dev.bridgekeeper.connector.Connectors;
import dev.bridgekeeper.connector.HttpBinding;
import dev.bridgekeeper.connector.PlatformHttp;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.integration.IntegrationCatalog;
import dev.bridgekeeper.platform.StartupProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * The connectors by id, and the start-up check that the catalog and the connectors agree: every catalog entry
 * names a known connector, and that connector reads every data type the entry offers. A mismatch stops start-up
 * with every problem listed.
 */
@Service
@EnableConfigurationProperties(ConnectorProperties.class)
class ConnectorRegistry implements Connectors {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRegistry.class);

    private final Map<String, Connector> byId;
    private final IntegrationCatalog catalog;
    private final HttpTransport transport;
    private final RateGate gate;
    private final SharedReads memo;

    ConnectorRegistry(List<Connector> connectors, IntegrationCatalog catalog, HttpTransport transport,
            RateGate gate, ConnectorProperties properties, Clock clock) {
        this.byId = connectors.stream().collect(Collectors.toUnmodifiableMap(Connector::id, Function.identity()));
        this.catalog = catalog;
        this.transport = transport;
        this.gate = gate;
        // a waiting read gives up on another's call after the longest a call can take: its deadline and rate wait
        this.memo = new SharedReads(clock, properties.sharedReads().ttl(), properties.sharedReads().maxSize()
                .toBytes(), properties.http().responseTimeout().plus(properties.rateLimits().maxInlineWait()));
        check();
    }

    private void check() {
        List<String> problems = new ArrayList<>();
        for (Integration integration : catalog.all()) {
            Connector connector = byId.get(integration.connector());
            if (connector == null) {
                problems.add(integration.key() + ": connector \"" + integration.connector() + "\" is unknown;"
                        + " known connectors: " + new TreeSet<>(byId.keySet()));
                continue;
            }
            integration.dataTypes().keySet().stream().filter(t -> connector.reader(t).isEmpty()).sorted()
                    .forEach(t -> problems.add(integration.key() + ": connector \"" + connector.id()
                            + "\" has no reader for data type " + t));
        }
        if (!problems.isEmpty()) {
            throw new StartupProblem("The integration catalog names what no connector provides:\n  - "
                    + String.join("\n  - ", problems));
        }
        log.info("Connectors: {}", new TreeSet<>(byId.keySet()));
    }

    @Override
    public Connector of(Integration integration) {
        Connector connector = byId.get(integration.connector());
        if (connector == null) {
            throw new IllegalStateException("No connector " + integration.connector()); // checked at start-up
        }
        return connector;
    }

    @Override
    public PlatformHttp http(HttpBinding binding) {
        RateGate.Meter meter = binding.metered() ? gate.meter(binding, of(binding.integration()).ratePolicy(),
                catalog.settings(binding.integration().key())) : RateGate.Meter.NONE;
        return new BoundHttp(binding, transport, gate, meter, of(binding.integration()).authorization(), memo);
    }
}
