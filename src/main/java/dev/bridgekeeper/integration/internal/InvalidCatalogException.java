package dev.bridgekeeper.integration.internal;

import java.util.List;

/** Stops start-up with every problem found in the catalog, one per line. */
class InvalidCatalogException extends dev.bridgekeeper.platform.StartupProblem {

    private final List<String> problems;

    InvalidCatalogException(List<String> problems) {
        super("The integration catalog is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
