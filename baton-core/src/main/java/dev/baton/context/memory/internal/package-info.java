/**
 * The implementation of project memory: the fact table, the file walk and chunkers, the Lucene
 * index and its incremental update, token budgeting, rank fusion and the {@code memory_search} tool.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.context.memory.internal;

import org.jspecify.annotations.NullMarked;
