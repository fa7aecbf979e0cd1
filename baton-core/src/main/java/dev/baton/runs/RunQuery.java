package dev.baton.runs;

import org.jspecify.annotations.Nullable;

/**
 * Which runs a listing wants, newest first: those {@code caller} may see (its own and those
 * started without a key; every run when {@code caller} is null), of {@code ensemble} and
 * {@code status} when given, older than {@code before} (null: from the newest), at most
 * {@code limit}.
 */
public record RunQuery(@Nullable String caller, @Nullable String ensemble, @Nullable String status,
                       @Nullable RunCursor before, int limit) {

    public RunQuery {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, not " + limit);
    }
}
