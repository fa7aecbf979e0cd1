/**
 * Operations: named, typed LLM tasks ({@code feature.operation}, such as {@code code.summarize})
 * with an input JSON Schema, a prompt template and a response JSON Schema, run in one
 * structured-output call ({@link dev.baton.operation.OperationMode#MONOLITHIC}) or through an
 * ensemble ({@link dev.baton.operation.OperationMode#AGENTIC}). Reached as
 * {@code baton.operations()}; Java handlers are registered on {@code Baton.Builder}, declarative
 * ones live in {@code .baton/operations/*.yaml} and the user tier's {@code operations/}.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.operation;

import org.jspecify.annotations.NullMarked;
