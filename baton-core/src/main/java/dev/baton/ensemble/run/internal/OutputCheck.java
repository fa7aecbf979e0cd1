package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.agent.AgentOutcome;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.OutputFormat;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.error.ErrorContext;
import dev.baton.pipeline.internal.JsonOutputValidator;
import tools.jackson.databind.JsonNode;

/**
 * Applies an agent's output contract to an attempt's outcome. An LLM agent's JSON output
 * ({@code output_format: json}, {@code output_schema}) was already checked — and repaired once —
 * by the model pipeline ({@link dev.baton.pipeline.internal.ValidatedChatModel}), so here it is only
 * parsed; other agents' output is checked with the same {@link JsonOutputValidator} (else a
 * {@code VALIDATION} failure). Any output that is a JSON object or array gets its parsed form
 * attached.
 */
public final class OutputCheck {

    private final JsonText json;
    private final JsonOutputValidator validator;

    public OutputCheck(JsonText json, JsonOutputValidator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The JSON reader this check parses with, shared with the run's other steps. */
    JsonText json() {
        return json;
    }

    AgentOutcome apply(AgentSpec agent, AgentOutcome outcome) {
        boolean mustBeJson = agent.outputFormat() == OutputFormat.JSON || agent.outputSchema() != null;
        JsonNode parsed = outcome.outputJson();
        if (parsed != null) return outcome;
        if (!mustBeJson) parsed = json.parse(outcome.output());
        else if (agent.kind() instanceof AgentKind.Llm) parsed = validator.parse(outcome.output());
        else parsed = checked(agent, outcome.output());
        return parsed == null ? outcome : outcome.withJson(parsed);
    }

    /** The problems of {@code output} against {@code schema}; empty when it is JSON that matches. */
    java.util.List<String> problems(String output, JsonNode schema) {
        JsonOutputValidator.Verdict v = validator.check(output, schema);
        if (v.valid()) return java.util.List.of();
        if (v.value() == null) return java.util.List.of("output is not valid JSON: " + preview(output));
        return v.errors();
    }

    private JsonNode checked(AgentSpec agent, String output) {
        JsonOutputValidator.Verdict v = validator.check(output, agent.outputSchema());
        if (v.valid()) return v.value();
        String what = v.value() == null ? "output is not valid JSON: " + preview(output) + " ("
                + String.join("; ", v.errors()) + ")"
                : "output does not match output_schema: " + String.join("; ", v.errors());
        throw BatonException.builder(ErrorCode.VALIDATION, "agent '" + agent.name() + "': " + what)
                .context(ErrorContext.EMPTY.withAgent(agent.name())).build();
    }

    private static String preview(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() <= 200 ? "'" + t + "'" : "'" + t.substring(0, 200) + "...'";
    }
}
