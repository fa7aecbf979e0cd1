package dev.baton.usage;

import java.util.Objects;

/**
 * The identity of one budget counter in the store: scope, the scope's key ({@code *} for the
 * project) and the period bucket ({@code day:2025-01-31}, {@code month:2025-01}, {@code total},
 * {@code run:<id>}).
 */
public record BudgetKey(BudgetScope scope, String scopeKey, String bucket) implements Comparable<BudgetKey> {

    public BudgetKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(scopeKey, "scopeKey");
        Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public int compareTo(BudgetKey o) {
        int c = scope.compareTo(o.scope);
        if (c == 0) c = scopeKey.compareTo(o.scopeKey);
        return c != 0 ? c : bucket.compareTo(o.bucket);
    }
}
