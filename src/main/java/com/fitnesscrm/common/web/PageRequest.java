package com.fitnesscrm.common.web;

import com.fitnesscrm.common.error.ApiException;

/**
 * Page number and size from a list request. The SPA asks for per_page=1000 when it means "all"
 * (dashboard counts, dropdowns, CSV export), so the cap sits at 1000 rather than the old silent 100.
 */
public record PageRequest(int page, int perPage) {

    public static final int DEFAULT_PER_PAGE = 25;
    public static final int MAX_PER_PAGE = 1000;

    public static PageRequest of(Integer page, Integer perPage) {
        int p = page == null ? 1 : page;
        int size = perPage == null ? DEFAULT_PER_PAGE : perPage;
        if (p < 1) {
            throw ApiException.invalidField("page", "must be 1 or more");
        }
        if (size < 1 || size > MAX_PER_PAGE) {
            throw ApiException.invalidField("per_page", "must be between 1 and " + MAX_PER_PAGE);
        }
        if ((long) p * size > Integer.MAX_VALUE) {
            // The row offset (and the last row of the page) must fit the query's int offset; no list is that long.
            throw ApiException.invalidField("page", "is beyond the last page");
        }
        return new PageRequest(p, size);
    }

    /** From raw query strings, so "abc" is a 400 naming the parameter rather than a bare 404. */
    public static PageRequest parse(String page, String perPage) {
        return of(QueryValues.integer("page", page), QueryValues.integer("per_page", perPage));
    }

    public int offset() {
        return (page - 1) * perPage;
    }

    public int pages(long total) {
        return (int) ((total + perPage - 1) / perPage);
    }

    public boolean hasNext(long total) {
        return page < pages(total);
    }

    public boolean hasPrev() {
        return page > 1;
    }
}
