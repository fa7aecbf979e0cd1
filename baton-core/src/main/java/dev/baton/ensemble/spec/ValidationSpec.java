package dev.baton.ensemble.spec;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * An llm-orc validation block ({@code validation:} or {@code seat_contract:} of an ensemble), by
 * evaluator kind. The deterministic kinds are typed: {@code structural} (agents that must have run,
 * bounds on the run's seconds), {@code schema} (agents whose JSON output must hold the named
 * fields) and {@code quantitative} (a metric, {@code execution_time} or {@code agent_count}, against
 * a threshold such as {@code "< 30"}). The others are only named: {@code behavioral} assertions are
 * Python expressions and {@code semantic} criteria ask an LLM judge, so Baton reports them as not
 * evaluated.
 */
public record ValidationSpec(@Nullable Structural structural, List<SchemaCheck> schema, List<Metric> quantitative,
                             List<String> behavioral, List<String> semantic) {

    public ValidationSpec {
        schema = List.copyOf(schema);
        quantitative = List.copyOf(quantitative);
        behavioral = List.copyOf(behavioral);
        semantic = List.copyOf(semantic);
    }

    /** {@code structural:}: required agents, and the run's wall time bounds in seconds (null: unbounded). */
    public record Structural(List<String> requiredAgents, @Nullable Double maxExecutionTime,
                             @Nullable Double minExecutionTime) {
        public Structural {
            requiredAgents = List.copyOf(requiredAgents);
        }
    }

    /** One {@code schema_validations:} entry: the agent, its declared schema name, and its required fields. */
    public record SchemaCheck(String agent, @Nullable String outputSchema, List<String> requiredFields) {
        public SchemaCheck {
            requiredFields = List.copyOf(requiredFields);
        }
    }

    /** One {@code quantitative:} entry: the metric, its threshold ({@code null}: recorded only) and description. */
    public record Metric(String metric, @Nullable String threshold, String description) {
    }

    /** The block without the layers a seat contract leaves out (structural couples to internals; semantic is a judge). */
    public ValidationSpec blackBox() {
        return new ValidationSpec(null, schema, quantitative, behavioral, List.of());
    }
}
