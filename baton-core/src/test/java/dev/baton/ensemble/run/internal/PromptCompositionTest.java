package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.FakeModels;
import dev.baton.ensemble.Specs;
import dev.baton.ensemble.load.EnsembleParser;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.run.EngineOptions;
import dev.baton.ensemble.run.EnsembleEngine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptCompositionTest {

    private final FakeModels models = new FakeModels();

    private String promptOf(String yaml, String agent) {
        new EnsembleEngine(EngineOptions.builder(models).userScriptsDir(null).build()).run(Specs.yaml(yaml), "THE TASK");
        return models.requestsOf(agent).get(0).lastUserText();
    }

    @Test
    void default_template_puts_the_input_first_then_one_section_per_dependency() {
        models.reply("a", "A out").reply("b", "B out");
        String prompt = promptOf("""
                name: p
                agents:
                  - {name: a, model_profile: fast}
                  - {name: b, model_profile: fast}
                  - {name: c, model_profile: fast, depends_on: [a, b]}
                """, "c");
        assertThat(prompt).isEqualTo("""
                THE TASK

                Outputs of the agents this step depends on:

                ### a
                A out

                ### b
                B out""");
    }

    @Test
    void input_scope_dependencies_leaves_out_the_run_input() {
        models.reply("a", "A out");
        String prompt = promptOf("""
                name: p
                agents:
                  - {name: a, model_profile: fast}
                  - {name: c, model_profile: fast, depends_on: [a], input_scope: dependencies}
                """, "c");
        assertThat(prompt).doesNotContain("THE TASK").contains("### a\nA out");
    }

    @Test
    void prompt_template_overrides_the_layout() {
        models.reply("a", "A out").reply("b", "B out");
        String prompt = promptOf("""
                name: p
                prompt_template: "Task: {{input}} | for {{agent}} | b said: {{dependency.b}} | all: {{dependencies}}"
                agents:
                  - {name: a, model_profile: fast}
                  - {name: b, model_profile: fast}
                  - {name: c, model_profile: fast, depends_on: [a, b]}
                """, "c");
        assertThat(prompt).isEqualTo("Task: THE TASK | for c | b said: B out | all: ### a\nA out\n\n### b\nB out");
    }

    @Test
    void unknown_template_placeholders_are_rejected_at_load() {
        EnsembleParser.Parsed parsed = new EnsembleParser().parse("""
                name: p
                prompt_template: "{{input}} {{inputs}} {{dependency.zz}}"
                agents:
                  - {name: a, model_profile: fast}
                """, Path.of("p.yaml"));
        List<Problem> problems = new EnsembleValidator(EnsembleValidator.Options.defaults()).validate(parsed.spec());
        assertThat(problems).extracting(Problem::message).containsExactly(
                "prompt_template: unknown placeholder {{inputs}} (use {{input}}, {{dependencies}}, {{agent}} or {{dependency.NAME}})",
                "prompt_template: {{dependency.zz}} names no agent of this ensemble");
    }

    @Test
    void an_agent_without_completed_dependencies_gets_the_input_alone() {
        assertThat(PromptComposer.compose(null, "x", "just input", List.of())).isEqualTo("just input");
    }
}
