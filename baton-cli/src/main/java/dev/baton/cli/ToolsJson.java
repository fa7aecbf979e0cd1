package dev.baton.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.tool.AuditLog;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The JSON documents of {@code baton tools list}, {@code baton tools call} and {@code baton audit list}. */
final class ToolsJson {

    private ToolsJson() {
    }

    /** {@code baton tools list -o json}: the permission mode, every tool, and the sources that could not give theirs. */
    record Listing(String mode, List<Tool> tools, List<Unavailable> unavailable) {
    }

    /** A tool source that failed to start or list its tools (an MCP server that does not start), and why. */
    record Unavailable(String source, String reason) {
    }

    /** One tool: where it comes from, its category, and what the current permissions do with a call (run, ask, deny). */
    record Tool(String name, String source, String category, String permission, String description) {
    }

    /** {@code baton tools call -o json}: what the tool returned and the record of the call. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CallResult(String tool, String content, boolean isError,
                      @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode structuredContent, boolean truncated,
                      String outcome, String decidedBy, JsonNode arguments, long durationMs, long outputBytes) {
        static CallResult of(ToolResult result, ToolCallRecord record) {
            return new CallResult(record.tool(), result.content(), result.isError(), result.structuredContent(),
                    result.truncated(), record.outcome().name().toLowerCase(java.util.Locale.ROOT), record.decidedBy(),
                    Json.MAPPER.readTree(record.arguments()), record.duration().toMillis(), record.outputBytes());
        }
    }

    /** {@code baton audit list -o json}: the filter applied and the entries, newest first. */
    record AuditListing(String run, String tool, String since, List<AuditEntry> entries) {
    }

    /** One audited call. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AuditEntry(String runId, String agent, String tool, JsonNode arguments, String decision, String decidedBy,
                      String started, String ended, String outcome, long outputBytes, boolean truncated) {
        static AuditEntry of(AuditLog.Entry e) {
            return new AuditEntry(e.runId(), e.agent(), e.tool(), Json.MAPPER.readTree(e.arguments()), e.decision(),
                    e.decidedBy(), e.started().toString(), e.ended().toString(),
                    e.outcome().name().toLowerCase(java.util.Locale.ROOT), e.outputBytes(), e.truncated());
        }
    }
}
