package dev.bridgekeeper.settings;

import dev.bridgekeeper.platform.ids.ClientId;
import java.util.List;

/** Front door to a client's settings for other modules (redirects, CORS, branding). */
public interface ProfileSettings {

    Profile profile(ClientId clientId);

    /** Origins allowed to call the front-end endpoints from a browser. */
    List<String> allowedOrigins(ClientId clientId);
}
