/**
 * The implementations behind the tool service: the invoker (lookup, schema validation,
 * permissions and approvals, time limit, output cap, redaction, audit), the service itself and
 * its fail-closed default sandbox.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.tool.internal;

import org.jspecify.annotations.NullMarked;
