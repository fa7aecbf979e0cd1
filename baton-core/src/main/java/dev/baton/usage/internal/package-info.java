/**
 * Budget store and ledger implementations that need no database (in memory, none) and lease arithmetic shared by stores. Not an API: `Baton` wires these; callers use the types of `dev.baton.usage`.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.usage.internal;

import org.jspecify.annotations.NullMarked;
