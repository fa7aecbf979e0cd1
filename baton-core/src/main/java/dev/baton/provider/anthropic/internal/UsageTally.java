package dev.baton.provider.anthropic.internal;

import dev.baton.llm.Usage;
import tools.jackson.databind.JsonNode;

/**
 * Accumulates the Messages API's usage objects. The API reports input tokens excluding cached
 * ones, so Baton's {@link Usage#inputTokens()} is {@code input_tokens + cache_read_input_tokens
 * + cache_creation_input_tokens}, with the cache reads in {@code cachedInputTokens} and the cache
 * writes in {@code cacheWriteTokens}. Streamed figures are cumulative: a later event's field
 * replaces an earlier one, and fields an event leaves out are kept.
 */
public final class UsageTally {

    private long input;
    private long cacheRead;
    private long cacheCreation;
    private long output;
    private boolean seen;

    /** Takes the fields present in a {@code usage} object; ignores a missing or null node. */
    public void absorb(JsonNode usage) {
        if (usage == null || !usage.isObject()) return;
        seen = true;
        input = field(usage, "input_tokens", input);
        cacheRead = field(usage, "cache_read_input_tokens", cacheRead);
        cacheCreation = field(usage, "cache_creation_input_tokens", cacheCreation);
        output = field(usage, "output_tokens", output);
    }

    private static long field(JsonNode usage, String name, long current) {
        JsonNode value = usage.path(name);
        return value.isNumber() ? value.asLong() : current;
    }

    /** The usage so far, or null when no usage object was seen. */
    public Usage usage() {
        if (!seen) return null;
        return new Usage(input + cacheRead + cacheCreation, output, cacheRead, cacheCreation, 0, null, false);
    }
}
