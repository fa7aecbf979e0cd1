package dev.baton.context.memory;

import java.util.List;

/**
 * The excerpts a search returns, best first, within its token budget: {@code tokens} is what
 * they count (path lines included), {@code truncated} says whether more matched than fit or the
 * last excerpt was cut to fit.
 */
public record SearchResult(String query, SearchMode mode, List<Excerpt> excerpts, int tokens, boolean truncated) {

    public SearchResult {
        excerpts = List.copyOf(excerpts);
    }
}
