/**
 * Moving an ensemble between tiers: promoting a project ensemble to the user tier with the profiles
 * it needs, and demoting it again.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.ensemble.promotion;

import org.jspecify.annotations.NullMarked;
