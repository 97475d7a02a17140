package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.Product;
import java.util.List;
import java.util.Map;

/**
 * Renders a product's consent texts for one source type into the exact text a consent record keeps, section by
 * section in screen order, with the data types listed under "Platform data".
 */
final class ConsentTextRenderer {

    private ConsentTextRenderer() {}

    static String render(Product product, String sourceType, List<String> dataTypes, Map<String, String> values) {
        Product.ConsentTexts texts = product.consentTexts();
        StringBuilder data = new StringBuilder(fill(texts.platformData(), values));
        dataTypes.forEach(type -> data.append("\n- ").append(type));
        return String.join("\n\n",
                fill(product.name(), values) + " (" + sourceType + ")",
                "Purpose\n" + fill(texts.purpose(), values),
                "Access\n" + fill(texts.access(), values),
                "Account information\n" + fill(texts.accountInformation(), values),
                "Platform data\n" + data,
                "Retention\n" + fill(texts.retention(), values));
    }

    private static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue() == null ? "" : value.getValue());
        }
        return text;
    }
}
