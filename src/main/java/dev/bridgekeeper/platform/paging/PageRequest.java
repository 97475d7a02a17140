package dev.bridgekeeper.platform.paging;

import dev.bridgekeeper.platform.error.ValidationErrors;

/** A 1-based page of a list, validated once for every list endpoint. */
public record PageRequest(int page, int pageSize) {

    public static final int DEFAULT_PAGE_SIZE = 100;
    /** Codat's documented maximum (the pageSize parameter of its Platform API document). */
    public static final int MAX_PAGE_SIZE = 5000;

    /** Validates the query parameters; a missing one takes Codat's default (page 1 of 100). */
    public static PageRequest of(Integer page, Integer pageSize) {
        ValidationErrors errors = new ValidationErrors();
        if (page != null && page < 1) {
            errors.reject("page", "\"page\" must be 1 or more.");
        }
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            errors.reject("pageSize", "\"pageSize\" must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        errors.throwIfAny();
        return new PageRequest(page == null ? 1 : page, pageSize == null ? DEFAULT_PAGE_SIZE : pageSize);
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }
}
