package dev.bridgekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Fails when a module reaches into another module's internals or the modules form a cycle, and keeps the module
 * documentation (Spring Modulith's PlantUML diagrams and AsciiDoc canvases) in docs/modules up to date: commit
 * what changes there.
 */
class ModularityTest {

    // reading the classes is the slow part: both tests share one reading
    private static final ApplicationModules MODULES = ApplicationModules.of(BridgekeeperApplication.class);
    private static final Path GENERATED = Path.of("target", "spring-modulith-docs");
    private static final Path COMMITTED = Path.of("docs", "modules");

    @Test
    void modulesKeepTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDocumentation() throws IOException {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
                .writeDocumentation();
        Files.createDirectories(COMMITTED);
        Set<Path> written;
        try (Stream<Path> files = Files.list(GENERATED)) {
            written = files.map(Path::getFileName).collect(Collectors.toSet());
        }
        for (Path name : written) {
            // the Documenter lists relations and events in no fixed order (the first item of a canvas list carries
            // the table's "|"): a file is replaced only when its lines, so compared, changed
            Path committed = COMMITTED.resolve(name);
            if (!Files.exists(committed) || !sortedLines(committed).equals(sortedLines(GENERATED.resolve(name)))) {
                Files.copy(GENERATED.resolve(name), committed, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (Stream<Path> files = Files.list(COMMITTED)) {
            for (Path stale : files.filter(file -> !written.contains(file.getFileName())).toList()) {
                Files.delete(stale);
            }
        }

        assertThat(COMMITTED.resolve("components.puml")).exists();
        assertThat(Files.readString(COMMITTED.resolve("all-docs.adoc"))).contains("Companies", "Connections");
        for (ApplicationModule module : MODULES) {
            assertThat(COMMITTED.resolve("module-" + module.getIdentifier() + ".puml")).exists();
            assertThat(COMMITTED.resolve("module-" + module.getIdentifier() + ".adoc")).exists();
        }
    }

    private static List<String> sortedLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(line -> line.startsWith("|* ") ? line.substring(1) : line)
                .sorted().toList();
    }
}
