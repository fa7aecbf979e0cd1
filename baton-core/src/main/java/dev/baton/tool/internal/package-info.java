/**
 * The implementations behind the tool service: the invoker (lookup, schema validation,
 * permissions and approvals, time limit, output cap, redaction, audit), the service itself, the
 * workspace sandbox, the built-in tools and what they share (argument reading, UTF-8 safe cuts,
 * atomic writes, a {@code .gitignore} matcher, a unified-diff applier).
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.tool.internal;

import org.jspecify.annotations.NullMarked;
