package dev.bridgekeeper.platform.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every 4xx and 5xx answer, in Codat's {@code ErrorMessage} shape, so clients written
 * against Codat parse our errors unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorMessage(
        int statusCode,
        String service,
        String error,
        String correlationId,
        Validation validation,
        String canBeRetried,
        Integer detailedErrorCode) {

    public static final String SERVICE = "PublicApi";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Validation(List<ValidationItem> errors, List<ValidationItem> warnings) {}

    /** One problem with one input: {@code itemId} names the field, query parameter or header. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ValidationItem(String itemId, String message, String validatorName) {}
}
