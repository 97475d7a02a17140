package dev.bridgekeeper.support;

import dev.bridgekeeper.BridgekeeperApplication;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.core.env.Environment;

/**
 * Another Bridgekeeper JVM (same classpath, test profile) on the running test application's database, with its
 * secrets: a second instance that can be killed with SIGKILL. Its output goes to a log file under target/.
 */
public final class ChildInstance implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ChildInstance(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts it with the test application's database and secrets, then {@code settings} ("--key=value"). */
    public static ChildInstance start(Environment environment, String name, List<String> settings) throws IOException {
        Path dataDir = Path.of(environment.getRequiredProperty("bridgekeeper.data-dir")).toAbsolutePath();
        String signingKey = Files.readString(dataDir.resolve("secrets").resolve("token-signing.key")).trim();
        String encryptionKey = Files.readString(dataDir.resolve("secrets").resolve("encryption.key")).trim();
        Path log = Path.of("target", name + "-" + UUID.randomUUID() + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), BridgekeeperApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.datasource.url=" + environment.getRequiredProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getRequiredProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getRequiredProperty("spring.datasource.password"),
                "--bridgekeeper.data-dir=" + Path.of("target", name + "-data-" + UUID.randomUUID()),
                "--bridgekeeper.security.token-signing-key=" + signingKey,
                "--bridgekeeper.encryption.keys=dev:" + encryptionKey));
        command.addAll(settings);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("user.dir"))).start();
        return new ChildInstance(process, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGKILL: no shutdown hook runs, nothing it holds is released. Returns the exit code (137). */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the child instance did not die; see " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
