package dev.bridgekeeper.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Picks a free port before the context starts and makes it both the server port and the public
 * URL, so catalog URLs (the sandbox platforms) and linkUrls point at this very test server.
 */
public class FreePortInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        int port = freePort();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("testServerPort", Map.of(
                "server.port", String.valueOf(port),
                "bridgekeeper.public-url", "http://localhost:" + port)));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
