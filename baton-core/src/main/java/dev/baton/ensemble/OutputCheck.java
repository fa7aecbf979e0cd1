package dev.baton.ensemble;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Applies an agent's output contract to an attempt's outcome: {@code output_format: json} and
 * {@code output_schema} require JSON (else a {@code VALIDATION} failure, so retries and
 * fallback apply); the schema is checked with networknt json-schema-validator. Any output that
 * is a JSON object or array gets its parsed form attached.
 */
final class OutputCheck {

    private final JsonText json;
    private final OutputSchemas schemas;

    OutputCheck(JsonText json, OutputSchemas schemas) {
        this.json = json;
        this.schemas = schemas;
    }

    AgentOutcome apply(AgentSpec agent, AgentOutcome outcome) {
        boolean mustBeJson = agent.outputFormat() == OutputFormat.JSON || agent.outputSchema() != null;
        JsonNode parsed = outcome.outputJson();
        if (parsed == null) parsed = mustBeJson ? json.parseAny(outcome.output()) : json.parse(outcome.output());
        if (mustBeJson && parsed == null) {
            throw fail(agent, "output is not valid JSON: " + preview(outcome.output()));
        }
        if (agent.outputSchema() != null) {
            List<String> violations = schemas.violations(agent.outputSchema(), parsed);
            if (!violations.isEmpty()) {
                throw fail(agent, "output does not match output_schema: " + String.join("; ", violations));
            }
        }
        return parsed == null ? outcome : outcome.withJson(parsed);
    }

    private static BatonException fail(AgentSpec agent, String message) {
        return BatonException.builder(ErrorCode.VALIDATION, "agent '" + agent.name() + "': " + message)
                .context(dev.baton.error.ErrorContext.EMPTY.withAgent(agent.name())).build();
    }

    private static String preview(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() <= 200 ? "'" + t + "'" : "'" + t.substring(0, 200) + "...'";
    }
}
