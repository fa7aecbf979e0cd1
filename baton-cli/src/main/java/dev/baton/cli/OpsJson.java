package dev.baton.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import dev.baton.operation.OperationDefinition;
import dev.baton.operation.OperationEntry;
import dev.baton.operation.OperationProblem;
import dev.baton.operation.OperationResult;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/** The {@code -o json} documents of {@code baton ops}: one record per shape, names as on the wire. */
final class OpsJson {

    private OpsJson() {
    }

    /** An operation in {@code ops list}: file and line null for a Java handler. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Listed(String id, String feature, String operation, String mode, String description, String source,
                  String file, Integer line, boolean shadowed, String profile, String ensemble) {
        static Listed of(OperationEntry e, ProblemReport report) {
            OperationDefinition d = e.definition();
            return new Listed(d.id(), d.feature(), d.operation(), d.mode().label(), d.description(), e.source(),
                    e.file() == null ? null : report.display(e.file()), e.file() == null ? null : e.line(), e.shadowed(),
                    d.mode() == dev.baton.operation.OperationMode.MONOLITHIC ? d.profileOrDefault() : null, d.ensemble());
        }
    }

    /** {@code ops show}: the listing plus the system prompt, template and both schemas. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Shown(String id, String feature, String operation, String mode, String description, String source,
                 String file, Integer line, String profile, String ensemble, String system, String prompt,
                 JsonNode inputSchema, JsonNode responseSchema) {
        static Shown of(OperationEntry e, ProblemReport report) {
            Listed l = Listed.of(e, report);
            OperationDefinition d = e.definition();
            return new Shown(l.id(), l.feature(), l.operation(), l.mode(), l.description(), l.source(), l.file(), l.line(),
                    l.profile(), l.ensemble(), d.system(), d.prompt(), d.inputSchema(), d.responseSchema());
        }
    }

    /** {@code ops run}: the validated result and how it was made. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Run(String operation, JsonNode result, Metadata metadata) {
        static Run of(OperationResult r) {
            var m = r.metadata();
            var u = m.usage();
            return new Run(r.operation(), r.result(), new Metadata(m.mode().label(), m.duration().toMillis(), m.models(),
                    new Usage(u.inputTokens(), u.outputTokens(), u.totalTokens()), m.costUsd(), m.ensemble(), m.runId()));
        }
    }

    /** Mode, wall time, models ({@code provider/model}), tokens, cost (null when unknown), ensemble and run of an agentic operation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Metadata(String mode, long durationMs, List<String> models, Usage usage, BigDecimal costUsd, String ensemble,
                    String runId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Usage(long inputTokens, long outputTokens, long totalTokens) {
    }

    /** {@code ops validate}: whether every definition is valid, how many operations were checked, every problem. */
    record Validation(boolean valid, int operations, List<Problem> problems) {
    }

    /** One problem: file (relative to the working directory when under it), line (0: unknown), operation and field when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Problem(String file, int line, String operation, String field, String message) {
        static Problem of(OperationProblem p, ProblemReport report) {
            return new Problem(report.display(p.file()), p.line(), p.operation(), p.field(), p.message());
        }
    }
}
