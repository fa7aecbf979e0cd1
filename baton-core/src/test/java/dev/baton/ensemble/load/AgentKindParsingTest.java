package dev.baton.ensemble.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.LoopSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each agent holds exactly one {@link AgentKind}; the YAML keys and their messages stay as they were. */
class AgentKindParsingTest {

    private final EnsembleParser parser = new EnsembleParser();

    private List<Problem> problems(String yaml) {
        EnsembleParser.Parsed parsed = parser.parse(yaml, Path.of("k.yaml"));
        List<Problem> all = new ArrayList<>(parsed.problems());
        if (parsed.spec() != null) {
            all.addAll(new EnsembleValidator(EnsembleValidator.Options.defaults()
                    .withKnown(Set.of("fast"), Set.of("openai"))).validate(parsed.spec()));
        }
        return all;
    }

    @Test
    void each_agent_kind_is_read_from_its_yaml_keys() {
        EnsembleSpec spec = parser.parse("""
                name: kinds
                agents:
                  - {name: p, model_profile: fast}
                  - {name: m, model: gpt-4o, provider: openai}
                  - {name: s, script: run.sh, parameters: {n: 1}}
                  - {name: e, ensemble: child}
                  - {name: l, loop: {body: child, max_iterations: 2}}
                  - {name: c, kind: judge, parameters: {to: x}}
                  - {name: d, dispatch: "${c.target}", depends_on: [c]}
                """, null).spec();

        List<AgentKind> kinds = spec.agents().stream().map(AgentSpec::kind).toList();
        assertThat(kinds.get(0)).isEqualTo(new AgentKind.Llm("fast", null, null));
        assertThat(kinds.get(1)).isEqualTo(new AgentKind.Llm(null, "openai", "gpt-4o"));
        assertThat(kinds.get(2)).isInstanceOf(AgentKind.Script.class);
        assertThat(((AgentKind.Script) kinds.get(2)).parameters().path("n").asInt()).isEqualTo(1);
        assertThat(kinds.get(3)).isEqualTo(new AgentKind.Ensemble("child"));
        assertThat(((AgentKind.Loop) kinds.get(4)).loop().maxIterations()).isEqualTo(2);
        assertThat(kinds.get(5)).isInstanceOf(AgentKind.Custom.class);
        assertThat(kinds).extracting(AgentKind::name)
                .containsExactly("llm", "llm", "script", "ensemble", "loop", "judge", "dispatch");
        assertThat(kinds.get(6)).isEqualTo(new AgentKind.Dispatch("${c.target}"));
        assertThat(((AgentKind.Dispatch) kinds.get(6)).path()).containsExactly("c", "target");
        assertThat(spec.agents().get(2).script()).isEqualTo("run.sh");
        assertThat(spec.agents().get(2).modelProfile()).as("kind-specific accessors are null for other kinds").isNull();
    }

    @Test
    void keys_of_two_kinds_are_reported_with_the_same_message_and_line_as_before() {
        List<Problem> problems = problems("""
                name: two
                agents:
                  - name: both
                    model_profile: fast
                    script: run.sh
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("an agent is exactly one of: LLM (model_profile, model + provider, or task_type), "
                    + "script, ensemble, loop, dispatch; this one sets a model and script");
            assertThat(p.agent()).isEqualTo("both");
            assertThat(p.line()).as("the agent's line").isEqualTo(3);
        });
    }

    @Test
    void parameters_on_a_non_script_agent_are_reported() {
        List<Problem> problems = problems("""
                name: p
                agents:
                  - name: writer
                    model_profile: fast
                    parameters: {a: 1}
                """);

        assertThat(problems).extracting(Problem::message).containsExactly("'parameters' applies only to script agents");
        assertThat(problems.get(0).line()).as("the parameters line").isEqualTo(5);
    }

    @Test
    void kind_key_cannot_name_a_built_in_kind() {
        assertThat(problems("name: b\nagents:\n  - {name: a, kind: script}\n")).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("kind 'script' is built in"));
    }

    @Test
    void builder_refuses_keys_of_two_kinds_and_copies_switch_within_a_kind() {
        assertThatThrownBy(() -> AgentSpec.builder("x").modelProfile("fast").script("a.sh").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a model and script");
        assertThatThrownBy(() -> AgentSpec.builder("x").kind(new AgentKind.Ensemble("e")).loop(
                new LoopSpec("b", null, 1, List.of())).build()).isInstanceOf(IllegalStateException.class);

        AgentSpec a = AgentSpec.builder("x").modelProfile("fast").build();
        AgentSpec b = a.toBuilder().modelProfile(null).model("m").provider("openai").build();
        assertThat(b.kind()).isEqualTo(new AgentKind.Llm(null, "openai", "m"));
        assertThatThrownBy(() -> new AgentKind.Custom("llm", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
