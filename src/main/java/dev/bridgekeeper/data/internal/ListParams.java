package dev.bridgekeeper.data.internal;

import dev.bridgekeeper.platform.error.ApiException;
import dev.bridgekeeper.platform.paging.PageRequest;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The query parameters every cached-data list takes. Bound as text so that a malformed number is answered by
 * {@link #pageRequest()} with a 400 naming the parameter, like every other list of the API.
 */
record ListParams(
        @Parameter(description = "Page number, from 1.", schema = @Schema(type = "integer", format = "int32",
                minimum = "1", defaultValue = "1")) String page,
        @Parameter(description = "Records per page, 1 to " + PageRequest.MAX_PAGE_SIZE + ".", schema = @Schema(
                type = "integer", format = "int32", minimum = "1", maximum = "" + PageRequest.MAX_PAGE_SIZE,
                defaultValue = "100")) String pageSize,
        @Parameter(description = "Codat query language over the record's fields, e.g. `currency=GBP&&amount>100`.")
        String query,
        @Parameter(description = "Field to order by; `-field` for descending, comma-separated.") String orderBy) {

    PageRequest pageRequest() {
        return PageRequest.of(number("page", page), number("pageSize", pageSize));
    }

    private static Integer number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "\"" + name + "\" must be a whole number.");
        }
    }
}
