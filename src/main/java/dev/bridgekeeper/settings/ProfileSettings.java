package dev.bridgekeeper.settings;

import java.util.List;
import java.util.UUID;

/** Front door to a client's settings for other modules (redirects, CORS, branding). */
public interface ProfileSettings {

    Profile profile(UUID clientId);

    /** Origins allowed to call the front-end endpoints from a browser. */
    List<String> allowedOrigins(UUID clientId);
}
