package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EnsemblesCommandTest {

    private static final String BROKEN = """
            name: broken
            agents:
              - name: a
                model_profile: no-such-profile
                temprature: 0.2
              - name: b
                model_profile: default
                depends_on: [c]
              - name: c
                model_profile: default
                depends_on: [b]
              - name: d
                script: missing-script.py
                depends_on: [ghost]
            """;

    @TempDir
    Path tmp;

    @Test
    void validate_reports_every_problem_at_once_with_file_line_and_agent_and_exits_2() {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("broken", BROKEN);

        var r = project.run("ensembles", "validate", "broken");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("INVALID  .baton/ensembles/broken.yaml")
                .contains("broken.yaml:4: agent 'a'").contains("no-such-profile")
                .contains("broken.yaml:5: agent 'a'").contains("temprature")
                .contains("dependency cycle")
                .contains("agent 'd'").contains("missing-script.py")
                .contains("ghost");
    }

    @Test
    void validate_json_lists_the_problems_and_all_checks_every_file() {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("broken", BROKEN)
                .ensemble("fine", "name: fine\nagents:\n  - {name: a, model_profile: default}\n");

        var one = project.run("ensembles", "validate", "fine");
        var all = project.run("ensembles", "validate", "--all", "-o", "json");

        assertThat(one.exit()).as(one.out() + one.err()).isZero();
        assertThat(one.out()).contains("ok       .baton/ensembles/fine.yaml (fine)");
        assertThat(all.exit()).isEqualTo(2);
        JsonNode json = Json.MAPPER.readTree(all.out());
        assertThat(json.path("valid").asBoolean()).isFalse();
        assertThat(json.path("ensembles")).hasSize(2);
        JsonNode broken = json.path("ensembles").get(0);
        assertThat(broken.path("name").asString()).isEqualTo("broken");
        assertThat(broken.path("problems").size()).isGreaterThanOrEqualTo(5);
        assertThat(broken.path("problems").get(0).path("line").asInt()).isPositive();
        assertThat(json.path("ensembles").get(1).path("valid").asBoolean()).isTrue();
    }

    @Test
    void create_writes_a_valid_commented_skeleton_and_never_overwrites() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp);
        Path file = project.ensembles().resolve("review.yaml");

        var created = project.run("ensembles", "create", "review");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(Files.readString(file)).startsWith("# Ensemble \"review\"").contains("name: review");
        assertThat(project.run("ensembles", "validate", "review").exit()).isZero();
        assertThat(project.run("test", "review").exit()).isZero();

        Files.writeString(file, "# mine\n");
        var again = project.run("ensembles", "create", "review", "--from", "script");

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");
        assertThat(Files.readString(file)).isEqualTo("# mine\n");
    }

    @Test
    void every_built_in_template_validates_and_an_existing_ensemble_can_be_copied() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp);
        for (String template : EnsembleCreateCommand.TEMPLATES) {
            String name = "t-" + template;
            assertThat(project.run("ensembles", "create", name, "--from", template).exit()).isZero();
            var v = project.run("ensembles", "validate", name);
            assertThat(v.exit()).as(template + ": " + v.out()).isZero();
        }

        var copy = project.run("ensembles", "create", "copy", "--from", "t-script", "-o", "json");

        assertThat(copy.exit()).as(copy.err()).isZero();
        assertThat(Json.MAPPER.readTree(copy.out()).path("created").asString()).isEqualTo(".baton/ensembles/copy.yaml");
        assertThat(Files.readString(project.ensembles().resolve("copy.yaml"))).contains("name: copy").doesNotContain("name: t-script");
        assertThat(project.run("ensembles", "create", "x", "--from", "nothing-like-this").exit()).isEqualTo(2);
        assertThat(project.run("ensembles", "create", "../evil").exit()).isEqualTo(2);
    }

    @Test
    void list_shows_project_and_user_tiers_and_show_describes_the_agents() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("review", """
                name: review
                description: Reviews things
                deliverable: summary
                agents:
                  - {name: files, script: "echo []"}
                  - {name: each, model_profile: default, depends_on: [files], fan_out: true}
                  - {name: summary, model_profile: default, depends_on: [each]}
                tests:
                  - {name: smoke, expect: {status: completed}}
                """);
        project.write(tmp.resolve("home/.config/baton/ensembles/mine.yaml"), "name: mine\nagents:\n  - {name: a, model_profile: default}\n");

        var list = project.run("ensembles", "list", "-o", "json");
        var text = project.run("ensembles", "list");
        var show = project.run("ensembles", "show", "review", "-o", "json");
        var showText = project.run("ensembles", "show", "review");

        JsonNode rows = Json.MAPPER.readTree(list.out());
        assertThat(rows).extracting(n -> n.path("name").asString() + "@" + n.path("tier").asString())
                .containsExactly("review@project", "mine@user");
        assertThat(text.out()).contains("review").contains("Reviews things").contains("mine");
        JsonNode spec = Json.MAPPER.readTree(show.out());
        assertThat(spec.path("deliverable").asString()).isEqualTo("summary");
        assertThat(spec.path("agents").get(1).path("fan_out").asBoolean()).isTrue();
        assertThat(spec.path("agents").get(2).path("depends_on").get(0).asString()).isEqualTo("each");
        assertThat(spec.path("tests").get(0).asString()).isEqualTo("smoke");
        assertThat(showText.out()).contains("AGENT").contains("each").contains("files (fan-out)").contains("tests: smoke");
        assertThat(project.run("ensembles", "show", "mine").exit()).isZero();
    }

    @Test
    void show_lists_llm_orc_keys_with_what_baton_does_with_each() throws Exception {
        EnsembleProject project = new EnsembleProject(tmp).ensemble("code-seat", """
                name: code-seat
                topaz_skill: code_generation
                output_substrate: artifact
                raw_output: true
                output_schema: {type: object, required: [status]}
                validation:
                  structural: {required_agents: [generate]}
                  semantic: {enabled: true, criteria: [helpful]}
                seat_contract:
                  schema_validations:
                    - {agent: seat, required_fields: [status]}
                agents:
                  - {name: route, script: "echo '{\\"target\\": \\"x\\"}'"}
                  - {name: seat, dispatch: "${route.target}", depends_on: [route]}
                """);

        var json = Json.MAPPER.readTree(project.run("ensembles", "show", "code-seat", "-o", "json").out());
        var text = project.run("ensembles", "show", "code-seat");

        JsonNode orc = json.path("llm_orc");
        assertThat(orc.path("topaz_skill").asString()).isEqualTo("code_generation");
        assertThat(orc.path("output_substrate").asString()).isEqualTo("artifact");
        assertThat(orc.path("raw_output").asBoolean()).isTrue();
        assertThat(orc.path("output_schema").path("required").get(0).asString()).isEqualTo("status");
        assertThat(orc.path("validation").path("structural").path("required_agents").get(0).asString()).isEqualTo("generate");
        assertThat(orc.path("seat_contract").path("schema").get(0).path("agent").asString()).isEqualTo("seat");
        assertThat(orc.has("test_mode")).as("unset keys are left out").isFalse();
        assertThat(json.path("agents").get(1).path("kind").asString()).isEqualTo("dispatch");
        assertThat(json.path("agents").get(1).path("uses").asString()).isEqualTo("dispatch ${route.target}");
        assertThat(text.out()).contains(
                "validation: structural; not evaluated: semantic (1) — checked after each run, reported in the result",
                "seat_contract: schema (1) — gates this ensemble's deliverable",
                "output_schema: deliverable checked after each run (advisory)",
                "raw_output: a calling agent receives this ensemble's whole result",
                "llm-orc metadata (kept, no effect in Baton): topaz_skill code_generation · output_substrate artifact");

        var plain = Json.MAPPER.readTree(new EnsembleProject(tmp.resolve("p2")).ensemble("plain",
                "name: plain\nagents:\n  - {name: a, script: \"echo hi\"}\n").run("ensembles", "show", "plain", "-o", "json").out());
        assertThat(plain.has("llm_orc")).isFalse();
    }
}
