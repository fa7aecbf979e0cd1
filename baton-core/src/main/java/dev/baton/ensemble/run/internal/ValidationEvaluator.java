package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.load.internal.Threshold;
import dev.baton.ensemble.run.CheckReport;
import dev.baton.ensemble.run.CheckReport.Verdict;
import dev.baton.ensemble.spec.ValidationSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates an llm-orc validation block with its deterministic evaluator kinds: structural
 * (required agents ran; run time within bounds), schema (named agents' JSON output holds the
 * required fields) and quantitative ({@code execution_time} in seconds and {@code agent_count}
 * against thresholds). Behavioral assertions (Python expressions) and semantic criteria (an LLM
 * judge) are reported as not evaluated. Stateless.
 */
public final class ValidationEvaluator {

    /** What a block is evaluated against: each agent's JSON output (null when not JSON), who ran, how long. */
    public record Subject(Map<String, JsonNode> outputs, List<String> executed, Duration time) {
    }

    private ValidationEvaluator() {
    }

    /** One report per layer the block declares, in llm-orc's order. */
    public static List<CheckReport> evaluate(String block, ValidationSpec spec, Subject subject) {
        List<CheckReport> out = new ArrayList<>();
        if (spec.structural() != null) out.add(structural(block, spec.structural(), subject));
        if (!spec.schema().isEmpty()) out.add(schema(block, spec.schema(), subject));
        if (!spec.behavioral().isEmpty()) {
            out.add(new CheckReport(block, "behavioral", Verdict.NOT_EVALUATED, List.of("assertions "
                    + spec.behavioral() + " are Python expressions, which Baton does not evaluate")));
        }
        if (!spec.quantitative().isEmpty()) out.add(quantitative(block, spec.quantitative(), subject));
        if (!spec.semantic().isEmpty()) {
            out.add(new CheckReport(block, "semantic", Verdict.NOT_EVALUATED, List.of("criteria " + spec.semantic()
                    + " need an LLM judge, which is not deterministic; Baton does not evaluate them")));
        }
        return out;
    }

    private static CheckReport structural(String block, ValidationSpec.Structural s, Subject subject) {
        List<String> errors = new ArrayList<>();
        List<String> missing = s.requiredAgents().stream().filter(a -> !subject.executed().contains(a)).sorted().toList();
        if (!missing.isEmpty()) errors.add("missing required agents: " + String.join(", ", missing));
        double seconds = seconds(subject.time());
        if (s.maxExecutionTime() != null && seconds > s.maxExecutionTime()) {
            errors.add(String.format(Locale.ROOT, "execution time %.2fs exceeds max %.2fs", seconds, s.maxExecutionTime()));
        }
        if (s.minExecutionTime() != null && seconds < s.minExecutionTime()) {
            errors.add(String.format(Locale.ROOT, "execution time %.2fs is below min %.2fs", seconds, s.minExecutionTime()));
        }
        return report(block, "structural", errors);
    }

    private static CheckReport schema(String block, List<ValidationSpec.SchemaCheck> checks, Subject subject) {
        List<String> errors = new ArrayList<>();
        for (ValidationSpec.SchemaCheck c : checks) {
            if (!subject.outputs().containsKey(c.agent())) {
                errors.add("agent " + c.agent() + " not found in the run's results");
                continue;
            }
            JsonNode out = subject.outputs().get(c.agent());
            if (out == null || !out.isObject()) {
                if (!c.requiredFields().isEmpty()) errors.add("agent " + c.agent() + " output is not a JSON object");
                continue;
            }
            List<String> missing = c.requiredFields().stream().filter(f -> !out.has(f)).toList();
            if (!missing.isEmpty()) {
                errors.add("agent " + c.agent() + " missing required fields: " + String.join(", ", missing));
            }
        }
        return report(block, "schema", errors);
    }

    private static CheckReport quantitative(String block, List<ValidationSpec.Metric> metrics, Subject subject) {
        List<String> errors = new ArrayList<>();
        for (ValidationSpec.Metric m : metrics) {
            Double value = switch (m.metric()) {
                case "execution_time" -> seconds(subject.time());
                case "agent_count" -> (double) subject.executed().size();
                default -> null;
            };
            if (value == null) {
                errors.add("metric '" + m.metric() + "' not found in results (known: execution_time, agent_count)");
                continue;
            }
            if (m.threshold() == null) continue;
            Threshold t = Threshold.parse(m.threshold());
            if (t == null) errors.add("metric '" + m.metric() + "': invalid threshold '" + m.threshold() + "'");
            else if (!t.test(value)) {
                errors.add("metric '" + m.metric() + "' failed threshold: " + format(value) + " not " + m.threshold().strip());
            }
        }
        return report(block, "quantitative", errors);
    }

    private static CheckReport report(String block, String layer, List<String> errors) {
        return new CheckReport(block, layer, errors.isEmpty() ? Verdict.PASSED : Verdict.FAILED, errors);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
