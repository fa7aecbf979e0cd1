/**
 * The `ChatModel` decorators (retry, fallback, cooldown, deadline, budget guard, usage recording, output validation) and their helpers, composed by `Pipeline`. Not an API: `Baton` wires these; callers use the types of `dev.baton.pipeline`.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.pipeline.internal;

import org.jspecify.annotations.NullMarked;
