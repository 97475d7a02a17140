/**
 * A client's settings: the client itself, API keys (stored as digests), profile and redirects, CORS origins and
 * sync settings. Other modules use {@link dev.bridgekeeper.settings.ProfileSettings} and
 * {@link dev.bridgekeeper.settings.SyncSettingsDirectory}; the shared kernel's API-key check is answered here.
 */
@ApplicationModule(displayName = "Settings")
package dev.bridgekeeper.settings;

import org.springframework.modulith.ApplicationModule;
