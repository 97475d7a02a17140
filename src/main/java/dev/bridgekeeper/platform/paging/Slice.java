package dev.bridgekeeper.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list as a front door returns it: the items and how many match in all. Controllers turn it into
 * {@link PagedResults}, whose links name the controller's own path.
 */
public record Slice<T>(List<T> items, long total) {

    public <R> Slice<R> map(Function<? super T, ? extends R> mapper) {
        return new Slice<>(items.stream().<R>map(mapper).toList(), total);
    }

    /** The page with Codat's paging fields and links to its neighbours under {@code path}. */
    public PagedResults<T> toPagedResults(PageRequest request, String path, java.util.Map<String, String> carried) {
        return PagedResults.of(items, request, total, path, carried);
    }
}
