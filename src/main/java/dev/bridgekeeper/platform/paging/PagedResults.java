package dev.bridgekeeper.platform.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.function.Function;
import org.springframework.web.util.UriComponentsBuilder;

/** A page of results with Codat's paging fields and HAL links to neighbouring pages. */
public record PagedResults<T>(
        List<T> results,
        int pageNumber,
        int pageSize,
        long totalResults,
        @JsonProperty("_links") Links links) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(Href self, Href current, Href next, Href previous) {}

    public record Href(String href) {}

    /**
     * Builds the page and its links. {@code path} is the collection's path; the other query
     * parameters (query, orderBy…) are carried over so "next" returns the same list.
     */
    public static <T> PagedResults<T> of(List<T> results, PageRequest request, long total, String path,
            java.util.Map<String, String> otherParameters) {
        Function<Integer, Href> pageLink = page -> {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
            otherParameters.forEach((name, value) -> {
                if (value != null && !value.isBlank()) {
                    uri.queryParam(name, value);
                }
            });
            return new Href(uri.queryParam("page", page).queryParam("pageSize", request.pageSize())
                    .encode().build().toUriString());
        };
        boolean hasNext = request.offset() + results.size() < total;
        Links links = new Links(new Href(path), pageLink.apply(request.page()),
                hasNext ? pageLink.apply(request.page() + 1) : null,
                request.page() > 1 ? pageLink.apply(request.page() - 1) : null);
        return new PagedResults<>(results, request.page(), request.pageSize(), total, links);
    }
}
