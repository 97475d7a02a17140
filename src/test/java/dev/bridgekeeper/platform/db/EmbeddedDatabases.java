package dev.bridgekeeper.platform.db;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in other packages stop the embedded PostgreSQL of a data directory, as a full restart would. */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {}

    public static void stop(Path dataDir) throws IOException {
        EmbeddedPostgresEnvironment.stop(dataDir);
    }
}
