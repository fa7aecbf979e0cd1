package dev.baton.cli;

import dev.baton.artifact.internal.SqliteArtifactIndex;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class InvokeCommandTest {

    private static final String ECHO = """
            name: echo
            description: answers and shouts
            default_task: the default task
            deliverable: answer
            agents:
              - name: answer
                model_profile: default
              - name: shout
                script: printf '%s!' "$BATON_INPUT"
            """;

    @TempDir
    Path tmp;
    EnsembleProject project;

    @BeforeEach
    void setUp() {
        project = new EnsembleProject(tmp).ensemble("echo", ECHO);
    }

    @Test
    void json_prints_the_whole_run_result_and_nothing_else() {
        var r = project.run("invoke", "echo", "hello there", "-o", "json", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.path("status").asString()).isEqualTo("completed");
        assertThat(json.path("deliverable").asString()).isEqualTo("answer");
        assertThat(json.path("agents").path("answer").path("status").asString()).isEqualTo("completed");
        assertThat(json.path("agents").path("answer").path("output").asString()).contains("hello there");
        assertThat(json.path("agents").path("shout").path("output").asString()).isEqualTo("hello there!");
        assertThat(json.path("execution_order")).hasSize(2);
        assertThat(r.err()).contains("baton: offline: no API key set — agents answer with the scripted model");
    }

    @Test
    void text_prints_each_agent_and_the_deliverable() {
        var r = project.run("invoke", "echo", "hello there", "-o", "text", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("## answer  [completed").contains("## shout  [completed").contains("hello there!")
                .contains("== deliverable: answer ==");
        String deliverable = r.out().substring(r.out().indexOf("== deliverable: answer =="));
        assertThat(deliverable).contains("hello there").doesNotContain("hello there!");
    }

    @Test
    void rich_without_a_terminal_prints_the_final_tree_once_without_escape_codes() {
        var r = project.run("invoke", "echo", "hi", "-o", "rich", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("echo  completed  2/2 agents").contains("✓ answer").contains("✓ shout")
                .contains("== deliverable: answer ==").doesNotContain("\u001b[");
    }

    @Test
    void the_argument_beats_piped_stdin() {
        var r = project.runWithStdin("from stdin\n", "invoke", "echo", "from argument", "-o", "json", "--no-artifact");

        assertThat(Json.MAPPER.readTree(r.out()).path("input").asString()).isEqualTo("from argument");
        assertThat(r.err()).contains("input from argument");
    }

    @Test
    void piped_stdin_is_used_without_an_argument_and_beats_the_default_task() {
        var r = project.runWithStdin("from stdin\n", "invoke", "echo", "-o", "json", "--no-artifact");

        assertThat(Json.MAPPER.readTree(r.out()).path("input").asString()).isEqualTo("from stdin");
    }

    @Test
    void input_option_beats_input_file() throws Exception {
        Path file = project.work().resolve("in.txt");
        Files.writeString(file, "from file");

        var both = project.run("invoke", "echo", "--input", "from option", "--input-file", "in.txt", "-o", "json", "--no-artifact");
        var fileOnly = project.run("invoke", "echo", "--input-file", "in.txt", "-o", "json", "--no-artifact");

        assertThat(Json.MAPPER.readTree(both.out()).path("input").asString()).isEqualTo("from option");
        assertThat(Json.MAPPER.readTree(fileOnly.out()).path("input").asString()).isEqualTo("from file");
    }

    @Test
    void the_default_task_is_used_when_nothing_is_given() {
        var r = project.runWithStdin("", "invoke", "echo", "-o", "json", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("input").asString()).isEqualTo("the default task");
        assertThat(r.err()).contains("input from default_task");
    }

    @Test
    void no_input_and_no_default_task_is_a_usage_error() {
        project.ensemble("bare", "name: bare\nagents:\n  - {name: a, model_profile: default}\n");

        var r = project.run("invoke", "bare");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no input");
    }

    @Test
    void an_ensemble_file_path_works_as_well_as_a_name() throws Exception {
        Path elsewhere = project.work().resolve("elsewhere/my.yaml");
        project.write(elsewhere, ECHO.replace("name: echo", "name: other"));

        var r = project.run("invoke", "elsewhere/my.yaml", "x", "-o", "json", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).path("ensemble").asString()).isEqualTo("other");
    }

    @Test
    void an_unknown_ensemble_is_a_usage_error_naming_the_known_ones() {
        var r = project.run("invoke", "nope", "x");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("no ensemble 'nope'").contains("echo");
    }

    @Test
    void a_bad_ensemble_is_exit_2_with_every_problem() {
        project.ensemble("bad", """
                name: bad
                agents:
                  - {name: a, model_profile: default, temprature: 1}
                  - {name: b, model_profile: default, depends_on: [missing]}
                """);

        var r = project.run("invoke", "bad", "x");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:3: agent 'a'").contains("temprature")
                .contains("bad.yaml:4: agent 'b'").contains("missing");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void by_default_artifacts_are_written_and_indexed_and_stderr_says_where() {
        var r = project.run("invoke", "echo", "x", "-o", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        Path dir = project.artifacts().resolve("echo");
        assertThat(dir.resolve("latest/execution.json")).isRegularFile();
        assertThat(dir.resolve("latest/execution.md")).isRegularFile();
        String runId = Json.MAPPER.readTree(r.out()).path("run_id").asString();
        assertThat(r.err()).contains("artifacts: " + dir);
        try (SqliteArtifactIndex index = SqliteArtifactIndex.open(project.database())) {
            assertThat(index.find(runId)).hasValueSatisfying(run -> assertThat(run.status()).isEqualTo("completed"));
        }
    }

    @Test
    void no_artifact_writes_nothing() {
        var r = project.run("invoke", "echo", "x", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(project.artifacts()).doesNotExist();
        assertThat(r.err()).doesNotContain("artifacts:");
    }

    @Test
    void a_failing_script_agent_completes_with_errors_exit_0_or_1_under_strict() {
        project.ensemble("partly", """
                name: partly
                deliverable: answer
                agents:
                  - {name: answer, model_profile: default}
                  - {name: lint, script: "echo boom >&2; exit 3"}
                """);

        var r = project.run("invoke", "partly", "x", "-o", "json", "--no-artifact");
        var strict = project.run("invoke", "partly", "x", "-o", "json", "--no-artifact", "--strict");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(r.out());
        assertThat(json.path("status").asString()).isEqualTo("completed_with_errors");
        assertThat(json.path("agents").path("lint").path("status").asString()).isEqualTo("failed");
        assertThat(json.path("agents").path("lint").path("error").path("code").asString()).isEqualTo("AGENT_FAILURE");
        assertThat(r.err()).contains("failed: lint (AGENT_FAILURE").contains("boom");
        assertThat(strict.exit()).isEqualTo(1);
    }

    @Test
    void a_failed_run_is_exit_1() {
        project.ensemble("broken", "name: broken\nagents:\n  - {name: only, script: \"exit 4 \"}\n");

        var r = project.run("invoke", "broken", "x", "-o", "json", "--no-artifact");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(Json.MAPPER.readTree(r.out()).path("status").asString()).isEqualTo("failed");
    }

    @Test
    void max_concurrency_override_runs_agents_one_at_a_time() throws Exception {
        String agent = "  - {name: %s, script: \"date +%%s%%N > %s.start; sleep 0.4; date +%%s%%N > %s.end\"}\n";
        project.ensemble("pair", "name: pair\nagents:\n" + agent.formatted("a", "a", "a") + agent.formatted("b", "b", "b"));

        var r = project.run("invoke", "pair", "x", "--max-concurrency", "1", "--no-artifact");

        assertThat(r.exit()).as(r.err()).isZero();
        long aStart = nanos("a.start"), aEnd = nanos("a.end"), bStart = nanos("b.start"), bEnd = nanos("b.end");
        assertThat(aEnd <= bStart || bEnd <= aStart).as("the two agents ran one after the other").isTrue();
        assertThat(project.run("invoke", "pair", "x", "--max-concurrency", "0").exit()).isEqualTo(2);
    }

    private long nanos(String file) throws Exception {
        return Long.parseLong(Files.readString(project.work().resolve(file)).strip());
    }

    @Test
    void budget_override_stops_agents_once_spent() {
        project.config("""
                providers:
                  paid: {kind: scripted}
                profiles:
                  pricey: {provider: paid, model: m, prices: {input: 1000, output: 1000}}
                """);
        project.ensemble("spend", """
                name: spend
                agents:
                  - {name: first, model_profile: pricey}
                  - {name: second, model_profile: pricey, depends_on: [first]}
                """);

        var unlimited = project.run("invoke", "spend", "x", "-o", "json", "--no-artifact");
        var limited = project.run("invoke", "spend", "x", "-o", "json", "--no-artifact", "--budget", "0.000001");

        assertThat(Json.MAPPER.readTree(unlimited.out()).path("status").asString()).isEqualTo("completed");
        JsonNode json = Json.MAPPER.readTree(limited.out());
        assertThat(json.path("agents").path("second").path("error").path("code").asString()).isEqualTo("BUDGET_EXCEEDED");
        assertThat(project.run("invoke", "spend", "x", "--budget", "-1").exit()).isEqualTo(2);
    }

    @Test
    void batch_prints_one_line_per_input_in_input_order_and_exits_1_when_one_failed() throws Exception {
        project.ensemble("work", """
                name: work
                agents:
                  - name: do
                    script: 'case "$BATON_INPUT" in slow) sleep 0.5;; fail) exit 2;; esac; printf "done %s" "$BATON_INPUT"'
                """);
        project.write(project.work().resolve("inputs.jsonl"), "\"slow\"\n{\"input\": \"quick\"}\n\n\"fail\"\n");

        var r = project.run("invoke", "work", "--batch", "inputs.jsonl");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        List<JsonNode> lines = r.out().lines().map(Json.MAPPER::readTree).toList();
        assertThat(lines).extracting(l -> l.path("index").asInt()).containsExactly(0, 1, 2);
        assertThat(lines).extracting(l -> l.path("input").asString()).containsExactly("slow", "quick", "fail");
        assertThat(lines).extracting(l -> l.path("status").asString()).containsExactly("completed", "completed", "failed");
        assertThat(lines.get(0).path("output").asString()).isEqualTo("done slow");
        try (Stream<Path> runs = Files.list(project.artifacts().resolve("work"))) {
            assertThat(runs.filter(p -> !p.getFileName().toString().equals("latest"))).hasSize(3);
        }
    }

    @Test
    void a_bad_batch_line_is_a_usage_error_naming_the_line() {
        project.write(project.work().resolve("bad.jsonl"), "\"ok\"\n{\"prompt\": 1}\n");

        var r = project.run("invoke", "echo", "--batch", "bad.jsonl");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.jsonl:2");
    }
}
