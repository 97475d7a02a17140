package dev.bridgekeeper.platform.jobs;

import dev.bridgekeeper.platform.StartupProblem;
import java.util.Locale;
import org.springframework.core.env.PropertyResolver;

/**
 * What an instance runs, from {@code bridgekeeper.role} ({@code BRIDGEKEEPER_ROLE}). Every role serves the HTTP API;
 * background work (every job on db-scheduler and the webhook dispatcher) runs only where the role says so, and there
 * the finer switches {@code bridgekeeper.sync.worker} and {@code bridgekeeper.webhooks.dispatcher.enabled} can still
 * turn one of the two off.
 */
public enum InstanceRole {

    /** The API and all background work: one instance is a whole installation (the default). */
    ALL,
    /** The API only: changes are stored, jobs queued and webhooks written to the outbox for the workers. */
    API,
    /** Background work; it still answers HTTP (health and metrics) but belongs off the load balancer. */
    WORKER;

    public static final String PROPERTY = "bridgekeeper.role";

    /** Whether instances of this role run jobs and dispatch webhooks. */
    public boolean runsBackgroundWork() {
        return this != API;
    }

    /** The configured role; a value that is not one of the three stops start-up with a sentence saying so. */
    public static InstanceRole of(PropertyResolver environment) {
        String value = environment.getProperty(PROPERTY, "all").trim();
        for (InstanceRole role : values()) {
            if (role.name().equalsIgnoreCase(value)) {
                return role;
            }
        }
        throw new StartupProblem(PROPERTY + " (BRIDGEKEEPER_ROLE) must be all, api or worker; got \"" + value
                + "\". all runs the API and the background work, api only the API, worker only the background work.");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
