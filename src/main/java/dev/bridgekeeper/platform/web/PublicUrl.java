package dev.bridgekeeper.platform.web;

import dev.bridgekeeper.platform.StartupProblem;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The address customers and platforms reach this instance at (Hosted Link, linkUrl, OAuth callback).
 * Configured, never taken from request headers, so a forged Host header cannot redirect anyone.
 */
@Component
public class PublicUrl {

    private final String base;

    public PublicUrl(@Value("${bridgekeeper.public-url:http://localhost:8080}") String base) {
        URI uri = URI.create(base);
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new StartupProblem("BRIDGEKEEPER_PUBLIC_URL must be an absolute http(s) URL, got: " + base);
        }
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The public URL of a path on this instance, e.g. {@code resolve("/link/123")}. */
    public String resolve(String path) {
        return base + (path.startsWith("/") ? path : "/" + path);
    }

    public String base() {
        return base;
    }
}
