/**
 * How the gateway is put together: wire-format decoders and writers for OpenAI's Chat
 * Completions and Anthropic's Messages, the model-name resolution, and the stream relay that
 * commits a response only once the first chunk has arrived.
 *
 * <p>Null-marked: types are non-null unless annotated {@code @Nullable}.
 */
@NullMarked
package dev.baton.server.gateway.internal;

import org.jspecify.annotations.NullMarked;
