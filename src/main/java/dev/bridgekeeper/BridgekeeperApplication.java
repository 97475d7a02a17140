package dev.bridgekeeper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Bridgekeeper: consent journeys and data connections behind a Codat-compatible API. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BridgekeeperApplication {

    public static void main(String[] args) {
        SpringApplication.run(BridgekeeperApplication.class, args);
    }
}
