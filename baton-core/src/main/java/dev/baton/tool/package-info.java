/**
 * Tools a model may call: the {@link dev.baton.tool.Tool} SPI, the registry, the permission
 * policy and approvals, the sandbox contract, the runner that validates, permits, runs and audits
 * one call, and the loop that feeds results back to the model.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.tool;

import org.jspecify.annotations.NullMarked;
