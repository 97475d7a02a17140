package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.company.CompanyProducts;
import dev.bridgekeeper.company.CompanyReference;
import dev.bridgekeeper.consent.ConsentRecords.ConsentText;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.ids.ClientId;
import dev.bridgekeeper.settings.ProfileSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A product's configured consent text as this company sees it: the sections filled with the company's and the
 * lender's names, the product and the platform. The Link UI shows exactly this, and a consent that claims the
 * product's text version must hold exactly this.
 */
@Component
class ConsentWording {

    private final ProductCatalog products;
    private final CompanyProducts companyProducts;
    private final ProfileSettings profiles;

    ConsentWording(ProductCatalog products, CompanyProducts companyProducts, ProfileSettings profiles) {
        this.products = products;
        this.companyProducts = companyProducts;
        this.profiles = profiles;
    }

    /** The product's text for the source type and data types, {platformName} filled with {@code platformName}. */
    ConsentText render(ClientId clientId, CompanyReference company, Product product, String sourceType,
            List<String> dataTypes, String platformName) {
        return ConsentTextRenderer.texts(product, sourceType, dataTypes,
                placeholders(clientId, company, product, platformName));
    }

    /** The texts of the company's products that use the source type, in the company's product order. */
    List<ConsentText> forCompany(ClientId clientId, CompanyReference company, String sourceType,
            String platformName) {
        return companyProducts.products(clientId, company.id()).stream()
                .map(products::find).flatMap(Optional::stream)
                .filter(p -> !p.dataTypes(sourceType).isEmpty())
                .map(p -> render(clientId, company, p, sourceType, p.dataTypes(sourceType),
                        platformName == null ? sourceType : platformName))
                .toList();
    }

    private Map<String, String> placeholders(ClientId clientId, CompanyReference company, Product product,
            String platformName) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("companyName", company.name());
        String lender = profiles.profile(clientId).name();
        // an unnamed profile (a fresh install) is never shown as a name the customer cannot place
        values.put("lenderName", lender == null || lender.isBlank() ? "your lender" : lender);
        values.put("productName", product.name());
        values.put("platformName", platformName);
        return values;
    }
}
