package dev.bridgekeeper.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a {@link StartupProblem} as Spring Boot's "APPLICATION FAILED TO START" report. */
class StartupProblemAnalyzer extends AbstractFailureAnalyzer<StartupProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupProblem cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Fix the configuration named above (see src/main/resources/application.yaml and"
                        + " docs/reference/configuration.md), then start Bridgekeeper again.", cause);
    }
}
