package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.CheckReport;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.OrcSettings;
import dev.baton.ensemble.spec.ValidationSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The checks an ensemble's llm-orc keys ask for once its run has ended: its {@code validation:}
 * block over the run's own agents, and its {@code output_schema:} over the deliverable. Both are
 * reports: like llm-orc's, the ensemble-level schema is advisory, so neither changes the run's
 * status. A seat contract is the calling agent's to apply ({@link #seatContract}).
 */
public final class EnsembleChecks {

    private EnsembleChecks() {
    }

    static List<CheckReport> of(EnsembleSpec spec, RunResult result, OutputCheck outputs) {
        OrcSettings orc = spec.orc();
        List<CheckReport> out = new ArrayList<>();
        if (orc.validation() != null) {
            Map<String, JsonNode> byAgent = new HashMap<>();
            for (AgentResult a : result.agents()) {
                byAgent.put(a.name(), a.outputJson() != null ? a.outputJson() : outputs.json().parseAny(a.output()));
            }
            out.addAll(ValidationEvaluator.evaluate("validation", orc.validation(),
                    new ValidationEvaluator.Subject(byAgent, result.executionOrder(), result.totals().duration())));
        }
        if (orc.outputSchema() != null) out.add(outputSchema(orc.outputSchema(), result, outputs));
        return out;
    }

    private static CheckReport outputSchema(JsonNode schema, RunResult result, OutputCheck outputs) {
        String deliverable = result.deliverableOutput();
        if (deliverable == null) {
            return new CheckReport("output_schema", "deliverable", CheckReport.Verdict.FAILED,
                    List.of("the run has no deliverable to check"));
        }
        List<String> problems = outputs.problems(deliverable, schema);
        return new CheckReport("output_schema", "deliverable",
                problems.isEmpty() ? CheckReport.Verdict.PASSED : CheckReport.Verdict.FAILED, problems);
    }

    /**
     * A child's {@code seat_contract:} over its deliverable, black-box as in llm-orc: the output
     * is taken as agent {@code seat}; structural and semantic layers are left out.
     */
    public static List<CheckReport> seatContract(ValidationSpec contract, RunResult child, JsonNode deliverable) {
        Map<String, JsonNode> seat = new HashMap<>();
        seat.put("seat", deliverable);
        return ValidationEvaluator.evaluate("seat_contract", contract.blackBox(),
                new ValidationEvaluator.Subject(seat, List.of("seat"), child.totals().duration()));
    }
}
