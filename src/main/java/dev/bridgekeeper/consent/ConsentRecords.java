package dev.bridgekeeper.consent;

import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.platform.ids.CompanyId;
import dev.bridgekeeper.platform.ids.ConnectionId;
import java.util.List;

/**
 * Front door to consent records for other modules, in domain terms ({@link Consent}, typed ids). Every record is
 * written with its {@link ConsentGranted} in the caller's transaction, through the same checks as a consent
 * recorded with the API.
 */
public interface ConsentRecords {

    /**
     * What the customer accepted on the Link UI's consent screen, before connecting a platform of
     * {@code sourceType}: the text exactly as shown, and the channel ({@code Link} or {@code HostedLink}). With
     * {@code textVersion} the screen showed the products' configured texts ({@link #textsInLink}): the text must
     * then hold each product's text as rendered for the company, and version and locale must be the product's.
     * Without it the text is the page's own wording and the record has no version. With {@code productIdentifier}
     * the customer accepted one product's use of a connection already linked (an additional consent).
     */
    record LinkAcceptance(ConnectionId connectionId, String sourceType, String text, String textVersion, String locale,
            ConsentChannel channel, String grantedBy, String ipAddress, String userAgent, String productIdentifier) {}

    /**
     * Records one consent per product of the company that uses the source type (with that product's data
     * types), or one without a product when the company has none; only the named product's when the
     * acceptance names one. Bad input is a 400 naming the field ({@code productIdentifier}, {@code text},
     * {@code textVersion}, {@code locale}) and writes nothing.
     */
    List<Consent> acceptInLink(ClientId clientId, CompanyId companyId, LinkAcceptance acceptance);

    /**
     * A product of the company that uses a Linked connection's source type but has no Active consent covering
     * that connection: the Link UI asks for it without a new sign-in at the platform.
     */
    record PendingConsent(String productIdentifier, String productName, String purpose, String sourceType,
            List<String> dataTypes, String connectionId, String platformName) {}

    /** Every consent the company's products still need on connections it has already linked. */
    List<PendingConsent> pendingInLink(ClientId clientId, CompanyId companyId);

    /**
     * One product's consent text for a source type, rendered for the company as the server renders it for
     * API-granted consents: the Link UI shows {@code heading} and {@code sections} and records {@code text} with
     * {@code textVersion}, {@code locale} and {@code productIdentifier}, so the record carries the product's wording.
     */
    record ConsentText(String productIdentifier, String productName, String sourceType, String textVersion,
            String locale, List<String> dataTypes, String heading, List<Section> sections, String text) {

        /** One section of the consent screen; {@code body} may hold the small Markdown subset Link renders. */
        public record Section(String title, String body) {}
    }

    /**
     * The consent texts of the company's products that use {@code sourceType}, in product order ({@code
     * platformName} fills {platformName}; the source type when null); empty when no product of the company uses it.
     */
    List<ConsentText> textsInLink(ClientId clientId, CompanyId companyId, String sourceType, String platformName);

    /** Every consent record of the company, oldest first. */
    List<Consent> list(ClientId clientId, CompanyId companyId);
}
