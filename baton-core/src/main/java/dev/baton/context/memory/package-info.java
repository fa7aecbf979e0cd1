/**
 * Project memory: facts (key → text, with source and time) kept in the store, and an index of
 * the project's files on Apache Lucene (chunks at declarations and headings, BM25, optionally
 * fused with embedding vectors) that answers {@code search(query, maxTokens)} with excerpts
 * naming their path and line range, trimmed to a token budget.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.context.memory;

import org.jspecify.annotations.NullMarked;
