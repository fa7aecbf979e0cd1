package dev.baton.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.FallbackStep;
import dev.baton.llm.Usage;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolLoop;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * {@code baton ask -o json}: the reply, who answered it, the tool calls, usage and latency.
 *
 * @param finishReason lower-case ({@code stop}, {@code length}, {@code tool_calls}, …)
 * @param fallbacks    the profiles given up on before this answer; omitted when none
 * @param toolRounds   with {@code --tools}: rounds of tool calls the loop ran; omitted without
 * @param toolCallsRun with {@code --tools}: every call the loop ran, in order; omitted without
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record AskJson(String text, String profile, String provider, String model, String finishReason,
               List<ToolCallJson> toolCalls, UsageJson usage, long latencyMs,
               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FallbackStep> fallbacks,
               @JsonInclude(JsonInclude.Include.NON_NULL) Integer toolRounds,
               @JsonInclude(JsonInclude.Include.NON_NULL) List<ToolRunJson> toolCallsRun) {

    /** One call the tool loop ran ({@code ask --tools}): the record the audit log also keeps. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ToolRunJson(String id, String tool, JsonNode arguments, String outcome, String decidedBy, long durationMs,
                       long outputBytes, boolean truncated) {
        static ToolRunJson of(ToolCallRecord r) {
            return new ToolRunJson(r.callId(), r.tool(), Json.MAPPER.readTree(r.arguments()),
                    r.outcome().name().toLowerCase(Locale.ROOT), r.decidedBy(), r.duration().toMillis(), r.outputBytes(),
                    r.truncated());
        }
    }

    /** One tool call: its id, the tool's name and the arguments as JSON. */
    record ToolCallJson(String id, String name, JsonNode arguments) {
    }

    /** Tokens of the call; {@code estimated} when the provider did not report them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record UsageJson(long inputTokens, long outputTokens, long cachedInputTokens, long reasoningTokens,
                     BigDecimal costUsd, boolean estimated) {
        static UsageJson of(Usage u) {
            return new UsageJson(u.inputTokens(), u.outputTokens(), u.cachedInputTokens(), u.reasoningTokens(),
                    u.costUsd(), u.estimated());
        }
    }

    static AskJson of(ChatResponse r) {
        return of(r, null);
    }

    /** The reply; with {@code loop}, the tool loop's rounds and the calls it ran. */
    static AskJson of(ChatResponse r, ToolLoop.Result loop) {
        return new AskJson(r.text(), r.profile(), r.provider(), r.model(), r.finishReason().name().toLowerCase(Locale.ROOT),
                r.toolCalls().stream().map(c -> new ToolCallJson(String.valueOf(c.id()), c.name(),
                        Json.MAPPER.readTree(c.argumentsJson()))).toList(),
                UsageJson.of(r.usage()), r.latency().toMillis(), r.fallbacks(),
                loop == null ? null : loop.rounds(),
                loop == null ? null : loop.calls().stream().map(ToolRunJson::of).toList());
    }
}
