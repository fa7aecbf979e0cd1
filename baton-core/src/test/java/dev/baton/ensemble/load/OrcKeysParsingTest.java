package dev.baton.ensemble.load;

import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.OrcSettings;
import dev.baton.ensemble.spec.TestModeSpec;
import dev.baton.ensemble.spec.ValidationSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** llm-orc 0.19's ensemble keys load; true typos are still reported. */
class OrcKeysParsingTest {

    private final EnsembleParser parser = new EnsembleParser();

    private static final String ALL_KEYS = """
            name: code-seat
            description: a seat
            topaz_skill: code_generation
            serves: [code_generation, refactoring]
            raw_output: true
            output_substrate: artifact
            output_retention: durable
            calibration_substrate_access: artifact
            output_schema:
              type: object
              required: [status]
            validation:
              structural:
                required_agents: [generate]
                max_execution_time: 30
              schema_validations:
                - {agent: generate, output_schema: Envelope, required_fields: [status, artifacts]}
              behavioral:
                - {name: has-code, description: code present, assertion: "len(results) > 0"}
              quantitative:
                - {metric: agent_count, threshold: ">= 1", description: at least one}
              semantic:
                enabled: true
                validator_model: judge
                criteria: [is helpful]
            seat_contract:
              schema_validations:
                - {agent: seat, output_schema: Envelope, required_fields: [status]}
            test_mode:
              enabled: true
              llm_simulation:
                - agent: generate
                  model: qwen3:0.6b
                  persona: helpful_user
                  cached_responses:
                    "write a sort": "def sort(x): return sorted(x)"
            agents:
              - {name: generate, model_profile: fast}
            """;

    private List<Problem> problems(String yaml) {
        EnsembleParser.Parsed parsed = parser.parse(yaml, Path.of("seat.yaml"));
        List<Problem> all = new ArrayList<>(parsed.problems());
        if (parsed.spec() != null) {
            all.addAll(new EnsembleValidator(EnsembleValidator.Options.defaults().withKnown(Set.of("fast"), Set.of()))
                    .validate(parsed.spec()));
        }
        return all;
    }

    @Test
    void every_llm_orc_ensemble_key_loads_and_is_kept_in_the_spec() {
        assertThat(problems(ALL_KEYS)).isEmpty();
        EnsembleSpec spec = parser.parse(ALL_KEYS, null).spec();
        OrcSettings orc = spec.orc();

        assertThat(orc.topazSkill()).isEqualTo("code_generation");
        assertThat(orc.serves().toString()).isEqualTo("[\"code_generation\",\"refactoring\"]");
        assertThat(orc.rawOutput()).isTrue();
        assertThat(orc.outputSubstrate()).isEqualTo("artifact");
        assertThat(orc.outputRetention()).isEqualTo("durable");
        assertThat(orc.calibrationSubstrateAccess()).isEqualTo("artifact");
        assertThat(orc.outputSchema().path("required").get(0).asString()).isEqualTo("status");
        ValidationSpec v = orc.validation();
        assertThat(v.structural().requiredAgents()).containsExactly("generate");
        assertThat(v.structural().maxExecutionTime()).isEqualTo(30.0);
        assertThat(v.schema()).singleElement().satisfies(s -> {
            assertThat(s.agent()).isEqualTo("generate");
            assertThat(s.requiredFields()).containsExactly("status", "artifacts");
        });
        assertThat(v.behavioral()).containsExactly("has-code");
        assertThat(v.quantitative()).singleElement().satisfies(m -> assertThat(m.threshold()).isEqualTo(">= 1"));
        assertThat(v.semantic()).containsExactly("is helpful");
        assertThat(orc.seatContract().schema()).singleElement().satisfies(s -> assertThat(s.agent()).isEqualTo("seat"));
        TestModeSpec tm = orc.testMode();
        assertThat(tm.enabled()).isTrue();
        assertThat(tm.simulationOf("generate").cachedResponses()).containsEntry("write a sort", "def sort(x): return sorted(x)");
    }

    @Test
    void an_ensemble_without_llm_orc_keys_has_none() {
        EnsembleSpec spec = parser.parse("name: plain\nagents:\n  - {name: a, model_profile: fast}\n", null).spec();
        assertThat(spec.orc()).isEqualTo(OrcSettings.NONE);
        assertThat(spec.orc().declared()).isFalse();
    }

    @Test
    void a_typo_of_an_llm_orc_key_is_still_an_unknown_key_with_a_hint() {
        List<Problem> problems = problems("""
                name: typo
                validaton:
                  structural: {required_agents: [a]}
                seat_contrct: {}
                agents:
                  - {name: a, model_profile: fast, dispach: "${x.y}"}
                """);
        assertThat(problems).extracting(Problem::toString).containsExactlyInAnyOrder(
                "seat.yaml:2: unknown key 'validaton' in ensemble (did you mean 'validation'?)",
                "seat.yaml:4: unknown key 'seat_contrct' in ensemble (did you mean 'seat_contract'?)",
                "seat.yaml:6: agent 'a': unknown key 'dispach' in agent (did you mean 'dispatch'?)");
    }

    @Test
    void wrong_shapes_inside_the_blocks_are_reported_with_their_lines() {
        List<Problem> problems = problems("""
                name: shapes
                output_substrate: disk
                validation:
                  structural: {required_agent: [a]}
                  quantitative:
                    - {metric: agent_count, threshold: "about 3"}
                test_mode:
                  enabled: true
                  llm_simulation:
                    - {agent: ghost, cached_responses: {hi: there}}
                agents:
                  - {name: a, model_profile: fast}
                  - {name: d, dispatch: "${a.target}"}
                """);
        assertThat(problems).extracting(Problem::toString).containsExactlyInAnyOrder(
                "seat.yaml:2: 'output_substrate' must be one of [artifact, inline], got 'disk'",
                "seat.yaml:4: unknown key 'required_agent' in structural (did you mean 'required_agents'?)",
                "seat.yaml:6: threshold 'about 3' must be an operator (>=, <=, >, <, ==) and a number, e.g. '< 30'",
                "seat.yaml:7: test_mode.llm_simulation names agent 'ghost', which is not an agent of this ensemble",
                "seat.yaml:13: agent 'd': dispatch '${a.target}' reads agent 'a', which is not in depends_on (it may not have run yet)");
    }
}
