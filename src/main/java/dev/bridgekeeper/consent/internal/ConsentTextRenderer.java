package dev.bridgekeeper.consent.internal;

import dev.bridgekeeper.consent.ConsentRecords.ConsentText;
import dev.bridgekeeper.consent.Product;
import dev.bridgekeeper.platform.DataTypeNames;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a product's consent texts for one source type into the exact text a consent record keeps, section by
 * section in screen order, with the data types listed in plain words under "Platform data". The Link UI shows the
 * same sections (from {@link #texts}), so a consent given there and one given through the API carry the same wording.
 */
final class ConsentTextRenderer {

    private ConsentTextRenderer() {}

    static String render(Product product, String sourceType, List<String> dataTypes, Map<String, String> values) {
        return texts(product, sourceType, dataTypes, values).text();
    }

    /** The heading and sections filled with {@code values}, and their joined text as a record stores it. */
    static ConsentText texts(Product product, String sourceType, List<String> dataTypes, Map<String, String> values) {
        Product.ConsentTexts texts = product.consentTexts();
        StringBuilder data = new StringBuilder(fill(texts.platformData(), values));
        // the customer reads and agrees to plain words, never the API's data type keys
        dataTypes.forEach(type -> data.append("\n- ").append(DataTypeNames.listItem(type)));
        String heading = fill(product.name(), values) + ": your " + sourceType.toLowerCase(Locale.ROOT) + " data";
        List<ConsentText.Section> sections = List.of(
                new ConsentText.Section("Purpose", fill(texts.purpose(), values)),
                new ConsentText.Section("Access", fill(texts.access(), values)),
                new ConsentText.Section("Account information", fill(texts.accountInformation(), values)),
                new ConsentText.Section("Platform data", data.toString()),
                new ConsentText.Section("Retention", fill(texts.retention(), values)));
        StringBuilder text = new StringBuilder(heading);
        sections.forEach(s -> text.append("\n\n").append(s.title()).append('\n').append(s.body()));
        return new ConsentText(product.identifier(), product.name(), sourceType, texts.version(), texts.locale(),
                List.copyOf(dataTypes), heading, sections, text.toString());
    }

    private static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue() == null ? "" : value.getValue());
        }
        return text;
    }
}
