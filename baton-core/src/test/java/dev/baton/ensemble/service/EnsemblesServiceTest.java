package dev.baton.ensemble.service;

import dev.baton.Baton;
import dev.baton.artifact.internal.ArtifactWriter;
import dev.baton.artifact.IndexedRun;
import dev.baton.artifact.internal.SqliteArtifactIndex;
import dev.baton.config.BatonPaths;
import dev.baton.ensemble.load.EnsembleDefinitionException;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code baton.ensembles()} on a temporary project whose LLM agents answer with the offline scripted model. */
class EnsemblesServiceTest {

    private static final String ECHO = """
            name: echo
            default_task: the default task
            deliverable: answer
            agents:
              - name: answer
                model_profile: default
              - name: shout
                script: printf '%s!' "$BATON_INPUT"
            """;

    private static final String TRIAGE = """
            name: triage
            agents:
              - {name: classify, model_profile: default}
              - {name: answer, model_profile: default, depends_on: [classify]}
            tests:
              - name: replies are scripted
                input: the server is down
                replies:
                  classify: ['{"urgent": true}']
                  answer: [We are on it.]
                expect:
                  status: completed
                  outputs:
                    - {agent: classify, json_path: "$.urgent", equals: "true"}
                    - {agent: answer, equals: We are on it.}
              - name: a wrong expectation fails
                input: a typo
                replies:
                  answer: [Thanks]
                expect:
                  outputs:
                    - {agent: answer, equals: Something else}
            """;

    @TempDir
    Path tmp;
    Path work;
    Path database;
    Baton baton;

    @BeforeEach
    void setUp() throws IOException {
        work = tmp.resolve("work");
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString(),
                "OLLAMA_HOST", "127.0.0.1:1");
        write(work.resolve(".baton/ensembles/echo.yaml"), ECHO);
        write(work.resolve(".baton/ensembles/triage.yaml"), TRIAGE);
        write(work.resolve(".baton/ensembles/spend.yaml"), """
                name: spend
                agents:
                  - {name: first, model_profile: pricey}
                  - {name: second, model_profile: pricey, depends_on: [first]}
                """);
        write(work.resolve(".baton/config.yaml"), """
                providers:
                  paid: {kind: scripted}
                profiles:
                  pricey: {provider: paid, model: m, prices: {input: 1000, output: 1000}}
                """);
        database = tmp.resolve("baton.db");
        baton = Baton.builder(BatonPaths.discover(work, env), env).database(database).build();
    }

    @AfterEach
    void tearDown() {
        baton.close();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void preparing_a_run_opens_the_usage_store_in_the_background_and_the_run_is_the_same() throws Exception {
        Ensembles ensembles = baton.ensembles();
        EnsembleSpec spec = ensembles.load("spend");
        assertThat(database).doesNotExist();

        ensembles.prepare(spec);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(database) && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(database).as("the ledger was opened before any call").exists();
        RunResult result = ensembles.run(spec, "go", RunOptions.defaults().withArtifacts(false), e -> { }).await();
        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.totals().completed()).isEqualTo(2);
    }

    @Test
    void a_run_writes_and_indexes_its_artifacts_before_its_result_is_handed_out() {
        Ensembles ensembles = baton.ensembles();
        List<ArtifactOutcome> outcomes = new CopyOnWriteArrayList<>();
        List<Boolean> filesOnDiskWhenCompleted = new CopyOnWriteArrayList<>();

        RunResult result = ensembles.run("echo", "hello there", RunOptions.defaults().withOnArtifacts(outcomes::add),
                event -> {
                    if (event instanceof RunEvent.RunCompleted) {
                        filesOnDiskWhenCompleted.add(outcomes.size() == 1
                                && Files.isRegularFile(outcomes.getFirst().ref().executionJson()));
                    }
                }).await();

        assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(result.agent("shout").orElseThrow().output()).isEqualTo("hello there!");
        assertThat(filesOnDiskWhenCompleted).containsExactly(true);
        ArtifactOutcome outcome = outcomes.getFirst();
        assertThat(outcome.runId()).isEqualTo(result.runId());
        assertThat(outcome.writeFailure()).isNull();
        assertThat(outcome.indexFailure()).as("indexed while the Baton (and its usage ledger) is open").isNull();
        assertThat(outcome.ref().dir()).startsWith(work.resolve(".baton/artifacts/echo"));
        assertThat(outcome.ref().dir().resolveSibling(ArtifactWriter.LATEST)).exists();
        assertThat(ensembles.artifacts().indexed("echo", 10)).extracting(IndexedRun::runId).containsExactly(result.runId());
        assertThat(ensembles.artifacts().show("echo", "latest")).hasValueSatisfying(
                run -> assertThat(run.result().runId()).isEqualTo(result.runId()));
    }

    @Test
    void the_index_entry_is_in_the_database_for_other_readers_while_the_baton_is_still_open() {
        RunResult result = baton.ensembles().run("echo", "hi", RunOptions.defaults(), null).await();

        try (SqliteArtifactIndex other = SqliteArtifactIndex.open(database)) {
            assertThat(other.find(result.runId())).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo("completed"));
        }
    }

    @Test
    void a_run_without_artifacts_writes_nothing_and_reports_nothing() {
        List<ArtifactOutcome> outcomes = new ArrayList<>();

        RunResult result = baton.ensembles().run("echo", null,
                RunOptions.defaults().withArtifacts(false).withOnArtifacts(outcomes::add), null).await();

        assertThat(result.input()).isEqualTo("the default task");
        assertThat(outcomes).isEmpty();
        assertThat(work.resolve(".baton/artifacts")).doesNotExist();
    }

    @Test
    void a_budget_override_refuses_every_call_whose_worst_case_does_not_fit() {
        EnsembleSpec spec = baton.ensembles().load("spend");
        RunOptions noArtifacts = RunOptions.defaults().withArtifacts(false);

        RunResult free = baton.ensembles().run(spec, "x", noArtifacts, null).await();
        RunResult capped = baton.ensembles().run(spec, "x", noArtifacts.withMaxConcurrency(1)
                .withBudgetUsd(new BigDecimal("0.000000001")), null).await();

        assertThat(free.agent("second").orElseThrow().error()).isNull();
        // a run budget is a reservation: a call is refused before it starts when its worst case does not fit
        for (String agent : List.of("first", "second")) {
            assertThat(capped.agent(agent).orElseThrow().error()).as(agent).isNotNull()
                    .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED));
        }
        assertThat(spec.budget()).as("the loaded spec itself is untouched").isNull();
        assertThatThrownBy(() -> RunOptions.defaults().withMaxConcurrency(0))
                .isInstanceOf(BatonException.class).hasMessageContaining("at least 1");
    }

    @Test
    void a_batch_returns_results_in_input_order_one_json_line_each_and_records_every_run() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<ArtifactOutcome> outcomes = new CopyOnWriteArrayList<>();
        EnsembleSpec spec = baton.ensembles().load("echo");

        List<RunResult> results = baton.ensembles().runBatch(spec, List.of("a", "b", "c"), 2,
                RunOptions.defaults().withOnArtifacts(outcomes::add), lines::add);

        assertThat(results).extracting(RunResult::input).containsExactly("a", "b", "c");
        JsonMapper json = JsonMapper.builder().build();
        assertThat(lines).extracting(l -> json.readTree(l).path("index").asInt()).containsExactly(0, 1, 2);
        assertThat(outcomes).hasSize(3).allSatisfy(o -> {
            assertThat(o.ref()).isNotNull();
            assertThat(o.indexFailure()).isNull();
        });
        assertThat(baton.ensembles().artifacts().indexed("echo", 10)).hasSize(3);
        assertThat(baton.ensembles().artifacts().list("echo", 2)).hasSize(2);
    }

    @Test
    void test_runs_the_cases_offline_on_their_scripted_replies() {
        Ensembles ensembles = baton.ensembles();

        TestOutcome outcome = ensembles.test(ensembles.locate("triage"));

        assertThat(outcome.name()).isEqualTo("triage");
        assertThat(outcome.problems()).isEmpty();
        assertThat(outcome.results()).hasSize(2);
        assertThat(outcome.results().get(0).passed()).as(outcome.results().get(0).failures().toString()).isTrue();
        assertThat(outcome.results().get(0).run().agent("answer").orElseThrow().output()).isEqualTo("We are on it.");
        assertThat(outcome.results().get(1).passed()).isFalse();
        assertThat(outcome.passed()).isFalse();
        assertThat(work.resolve(".baton/artifacts")).as("tests write no artifacts").doesNotExist();
    }

    @Test
    void list_shows_an_invalid_file_with_its_problem_and_marks_a_shadowed_user_ensemble() throws IOException {
        write(work.resolve(".baton/ensembles/broken.yaml"), "name: broken\nagents: [\n");
        write(tmp.resolve("home/.config/baton/ensembles/echo.yaml"), ECHO);

        List<EnsembleEntry> entries = baton.ensembles().list();

        assertThat(entries).extracting(EnsembleEntry::name).containsExactly("broken.yaml", "echo", "spend", "triage", "echo");
        EnsembleEntry broken = entries.getFirst();
        assertThat(broken.spec()).isNull();
        assertThat(broken.ok()).isFalse();
        assertThat(broken.problems()).isNotEmpty();
        assertThat(broken.problems().getFirst().file()).endsWith("broken.yaml");
        assertThat(entries.get(1).tier()).isEqualTo(Tier.PROJECT);
        assertThat(entries.get(1).shadowed()).isFalse();
        assertThat(entries.get(4).tier()).isEqualTo(Tier.USER);
        assertThat(entries.get(4).shadowed()).isTrue();
    }

    @Test
    void an_unknown_name_is_not_found_and_lists_the_known_ones() {
        assertThatThrownBy(() -> baton.ensembles().load("nope"))
                .isInstanceOfSatisfying(EnsembleNotFoundException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.known()).containsExactly("echo", "spend", "triage");
                });
    }

    @Test
    void load_reports_every_problem_including_unknown_profiles() throws IOException {
        write(work.resolve(".baton/ensembles/bad.yaml"), """
                name: bad
                agents:
                  - {name: a, model_profile: no-such-profile}
                  - {name: b, script: x, depends_on: [missing]}
                """);

        assertThatThrownBy(() -> baton.ensembles().load("bad"))
                .isInstanceOfSatisfying(EnsembleDefinitionException.class,
                        e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2));
        assertThat(baton.ensembles().validate(work.resolve(".baton/ensembles/bad.yaml")))
                .anyMatch(p -> p.message().contains("no-such-profile"));
    }

    @Test
    void scripts_are_listed_by_tier_and_tried_with_the_agent_protocol() throws Exception {
        write(work.resolve(".baton/scripts/upper.sh"), "#!/bin/bash\n# shouts the input\ntr a-z A-Z <<< \"$BATON_INPUT\"\n");
        Scripts scripts = baton.ensembles().scripts();

        ScriptInfo upper = scripts.find("upper").orElseThrow();
        ScriptTrialResult r = scripts.test(upper, new ScriptTrial("quiet", null, null, Duration.ofSeconds(30)));

        assertThat(scripts.list()).extracting(ScriptInfo::name).containsExactly("upper.sh");
        assertThat(upper.tier()).isEqualTo(Tier.PROJECT);
        assertThat(upper.description()).isEqualTo("shouts the input");
        assertThat(r.ok()).as(r.process().stderrTail()).isTrue();
        assertThat(r.process().stdout().strip()).isEqualTo("QUIET");
        assertThat(r.command()).contains("bash");
    }
}
