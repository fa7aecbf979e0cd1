/**
 * The OpenAI- and Anthropic-compatible gateway: {@code POST /v1/chat/completions},
 * {@code GET /v1/models} and {@code POST /v1/messages}, translated onto Baton's pipeline so any
 * OpenAI or Anthropic SDK gets Baton's routing, fallbacks, budgets, ledger and ensembles.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.gateway;

import org.jspecify.annotations.NullMarked;
