package dev.baton.cli;

import dev.baton.ensemble.spec.OrcSettings;
import dev.baton.ensemble.spec.TestModeSpec;
import dev.baton.ensemble.spec.ValidationSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The lines {@code baton ensembles show} prints for an ensemble's llm-orc keys, each with what Baton does with it. */
final class OrcKeysText {

    private OrcKeysText() {
    }

    static void print(PrintWriter out, OrcSettings orc) {
        if (!orc.declared()) return;
        if (orc.validation() != null) {
            out.println("validation: " + layers(orc.validation()) + " — checked after each run, reported in the result");
        }
        if (orc.seatContract() != null) {
            out.println("seat_contract: " + layers(orc.seatContract().blackBox())
                    + " — gates this ensemble's deliverable when an ensemble or dispatch agent runs it");
        }
        if (orc.outputSchema() != null) out.println("output_schema: deliverable checked after each run (advisory)");
        if (orc.rawOutput()) out.println("raw_output: a calling agent receives this ensemble's whole result");
        TestModeSpec tm = orc.testMode();
        if (tm != null) {
            out.println("test_mode: " + (tm.enabled() ? "on" : "off") + (tm.simulations().isEmpty() ? ""
                    : " — answers " + String.join(", ", tm.simulations().stream().map(TestModeSpec.Simulation::agent).toList())
                    + " from cached_responses"));
        }
        List<String> kept = new ArrayList<>();
        if (orc.topazSkill() != null) kept.add("topaz_skill " + orc.topazSkill());
        if (orc.serves() != null) kept.add("serves " + orc.serves());
        if (orc.outputSubstrate() != null) kept.add("output_substrate " + orc.outputSubstrate());
        if (orc.outputRetention() != null) kept.add("output_retention " + orc.outputRetention());
        if (orc.calibrationSubstrateAccess() != null) {
            kept.add("calibration_substrate_access " + orc.calibrationSubstrateAccess());
        }
        if (!kept.isEmpty()) out.println("llm-orc metadata (kept, no effect in Baton): " + String.join(" · ", kept));
    }

    private static String layers(ValidationSpec v) {
        List<String> evaluated = new ArrayList<>();
        if (v.structural() != null) evaluated.add("structural");
        if (!v.schema().isEmpty()) evaluated.add("schema (" + v.schema().size() + ")");
        if (!v.quantitative().isEmpty()) evaluated.add("quantitative (" + v.quantitative().size() + ")");
        List<String> skipped = new ArrayList<>();
        if (!v.behavioral().isEmpty()) skipped.add("behavioral (" + v.behavioral().size() + ")");
        if (!v.semantic().isEmpty()) skipped.add("semantic (" + v.semantic().size() + ")");
        String text = evaluated.isEmpty() ? "nothing evaluated" : String.join(", ", evaluated);
        return skipped.isEmpty() ? text : text + "; not evaluated: " + String.join(", ", skipped);
    }
}
