package dev.bridgekeeper.integration.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bridgekeeper.integration.Integration;
import dev.bridgekeeper.platform.web.PublicUrl;
import java.util.List;
import org.springframework.stereotype.Component;

/** Codat's Integration and Branding shapes, built from catalog entries. */
@Component
class IntegrationViews {

    private final PublicUrl publicUrl;

    IntegrationViews(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IntegrationView(String key, String logoUrl, String name, boolean enabled, String sourceId,
            String sourceType, String integrationId, boolean isOfflineConnector, boolean isBeta,
            String dataProvidedBy, List<DataTypeFeature> datatypeFeatures) {}

    record DataTypeFeature(String dataType, List<SupportedFeature> supportedFeatures) {}

    record SupportedFeature(String featureType, String featureState) {}

    record Image(String src, String alt) {}

    record BrandingImage(Image image) {}

    record Logo(BrandingImage full, BrandingImage square) {}

    record Button(@com.fasterxml.jackson.annotation.JsonProperty("default") BrandingImage defaultImage,
            BrandingImage hover) {}

    record BrandingView(Logo logo, Button button, String sourceId) {}

    /** @param enabled whether the caller can link it: the catalog's switch and app credentials */
    IntegrationView integration(Integration i, boolean enabled) {
        List<DataTypeFeature> features = i.dataTypes().entrySet().stream()
                .map(e -> new DataTypeFeature(e.getKey(), e.getValue().entrySet().stream()
                        .sorted(java.util.Map.Entry.comparingByKey())
                        .map(f -> new SupportedFeature(f.getKey(), f.getValue())).toList()))
                .toList();
        return new IntegrationView(i.key(), asset(i, i.branding().logo()), i.name(), enabled,
                i.sourceId().toString(), i.sourceType().name(), i.integrationId().toString(), false, i.beta(),
                i.dataProvidedBy(), features);
    }

    BrandingView branding(Integration i) {
        String alt = i.branding().alt() == null ? i.name() + " logo" : i.branding().alt();
        return new BrandingView(
                new Logo(image(i, i.branding().logo(), alt), image(i, i.branding().icon(), alt)),
                new Button(image(i, i.branding().buttonDefault(), alt), image(i, i.branding().buttonHover(), alt)),
                i.sourceId().toString());
    }

    private BrandingImage image(Integration i, String file, String alt) {
        return new BrandingImage(new Image(asset(i, file), alt));
    }

    private String asset(Integration i, String file) {
        return publicUrl.resolve("/branding/" + i.key() + "/" + file);
    }
}
