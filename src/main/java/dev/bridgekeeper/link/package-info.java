/**
 * What the customer's browser talks to: company access tokens, the Link UI's API (the journey and connection
 * management), Hosted Link and its one-time tokens, and CORS for the Link SDK. No other module calls it; it uses
 * the front doors of company, connection, consent, integration, settings and sync. Its journey funnel
 * ({@code link.funnel}) listens to consent, connection and OAuth events for the steps only the server sees.
 */
@ApplicationModule(displayName = "Link")
package dev.bridgekeeper.link;

import org.springframework.modulith.ApplicationModule;
