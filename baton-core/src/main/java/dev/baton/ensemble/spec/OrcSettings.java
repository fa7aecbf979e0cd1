package dev.baton.ensemble.spec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The ensemble-level keys of llm-orc 0.19 beyond Baton's own, as written. Some change what a run
 * does: {@code validation} and {@code seatContract} are evaluated with the deterministic evaluator
 * kinds, {@code outputSchema} checks the deliverable (advisory, as in llm-orc), {@code rawOutput}
 * hands a calling agent the child's whole result, {@code testMode} answers simulated agents from
 * cached responses. The rest ({@code serves}, {@code topazSkill}, {@code outputSubstrate},
 * {@code outputRetention}, {@code calibrationSubstrateAccess}) are metadata for llm-orc's agentic
 * serving that Baton keeps and shows. Null means "not set".
 */
public record OrcSettings(@Nullable ValidationSpec validation, @Nullable TestModeSpec testMode, boolean rawOutput,
                          @Nullable JsonNode outputSchema, @Nullable JsonNode serves, @Nullable String topazSkill,
                          @Nullable String outputSubstrate, @Nullable String outputRetention,
                          @Nullable String calibrationSubstrateAccess, @Nullable ValidationSpec seatContract) {

    /** No llm-orc keys set. */
    public static final OrcSettings NONE = new OrcSettings(null, null, false, null, null, null, null, null, null, null);

    /** True when at least one llm-orc key is set. */
    public boolean declared() {
        return !equals(NONE);
    }
}
