package dev.baton;

import dev.baton.config.BatonPaths;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.AgentStatus;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.service.RunOptions;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ensemble agent's {@code task_type}: {@code routing:} picks its profile (as for
 * {@code baton ask --task}), else {@code default_profile}; checked when the ensemble is loaded.
 */
class EnsembleTaskTypeTest {

    private static final Map<String, String> NO_OLLAMA = Map.of("OLLAMA_HOST", "127.0.0.1:1");

    private static final String ROUTED = """
            providers:
              canned: {kind: scripted}
            profiles:
              coder: {provider: canned, model: coder-m}
              reviewer: {provider: canned, model: reviewer-m}
              general: {provider: canned, model: general-m}
            routing:
              code: [coder]
              review: [reviewer]
            """;

    @TempDir
    Path dir;

    private Baton baton(String configYaml, String ensembleYaml) throws IOException {
        Path project = Files.createDirectories(dir.resolve(".baton"));
        Files.writeString(project.resolve("config.yaml"), configYaml);
        Files.writeString(Files.createDirectories(project.resolve("ensembles")).resolve("pair.yaml"), ensembleYaml);
        BatonPaths paths = new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));
        return Baton.builder(paths, NO_OLLAMA).build();
    }

    private List<Problem> problems(String configYaml, String ensembleYaml) throws IOException {
        try (Baton baton = baton(configYaml, ensembleYaml)) {
            return baton.ensembles().validate(dir.resolve(".baton/ensembles/pair.yaml"));
        }
    }

    @Test
    void agents_with_different_task_types_reach_the_profiles_their_routes_name() throws Exception {
        String ensemble = """
                name: pair
                agents:
                  - name: write
                    task_type: code
                  - name: check
                    task_type: review
                    depends_on: [write]
                  - name: recheck
                    task_type: review
                    depends_on: [write]
                """;
        try (Baton baton = baton(ROUTED, ensemble)) {
            Instant before = Instant.now().minusSeconds(5);

            RunResult result = baton.ensembles().run("pair", "add two numbers",
                    RunOptions.defaults().withArtifacts(false), null).await();

            Map<String, AgentResult> agents = result.agents().stream()
                    .collect(Collectors.toMap(AgentResult::name, Function.identity()));
            assertThat(agents.values()).allSatisfy(a -> assertThat(a.status()).isEqualTo(AgentStatus.COMPLETED));
            assertThat(agents.get("write").profile()).isEqualTo("coder");
            assertThat(agents.get("write").model()).isEqualTo("canned/coder-m");
            assertThat(agents.get("check").profile()).isEqualTo("reviewer");
            assertThat(agents.get("recheck").profile()).isEqualTo("reviewer");

            Map<String, Long> callsByProfile = baton.pipeline().ledger()
                    .query(new StatsQuery(before, StatsQuery.GroupBy.PROFILE)).stream()
                    .collect(Collectors.toMap(StatsRow::key, StatsRow::calls));
            assertThat(callsByProfile).containsEntry("coder", 1L).containsEntry("reviewer", 2L)
                    .doesNotContainKey("general");
        }
    }

    @Test
    void a_task_type_without_a_route_runs_on_the_default_profile_when_one_is_set() throws Exception {
        String ensemble = """
                name: pair
                agents:
                  - name: translate
                    task_type: translate
                """;
        try (Baton baton = baton(ROUTED + "default_profile: general\n", ensemble)) {
            assertThat(baton.ensembles().validate(dir.resolve(".baton/ensembles/pair.yaml"))).isEmpty();

            RunResult result = baton.ensembles().run("pair", "hola", RunOptions.defaults().withArtifacts(false), null)
                    .await();

            assertThat(result.agents()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AgentStatus.COMPLETED);
                assertThat(a.profile()).isEqualTo("general");
            });
        }
    }

    @Test
    void a_task_type_with_no_route_and_no_default_profile_is_refused_at_load_naming_file_line_and_key() throws Exception {
        List<Problem> problems = problems(ROUTED, """
                name: pair
                agents:
                  - name: translate
                    system_prompt: you translate
                    task_type: translate
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("pair.yaml");
            assertThat(p.agent()).isEqualTo("translate");
            assertThat(p.line()).as("the task_type line").isEqualTo(5);
            assertThat(p.message()).contains("task type 'translate'", "routing:", "code, review", "default_profile");
        });
    }

    @Test
    void a_task_type_with_a_model_profile_is_refused_at_load() throws Exception {
        List<Problem> problems = problems(ROUTED, """
                name: pair
                agents:
                  - name: write
                    model_profile: coder
                    task_type: code
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.message()).isEqualTo("task_type and model_profile are mutually exclusive; use one or the other");
        });
    }

    @Test
    void a_task_type_with_a_model_and_provider_is_refused_at_load() throws Exception {
        List<Problem> problems = problems(ROUTED, """
                name: pair
                agents:
                  - name: write
                    provider: canned
                    model: coder-m
                    task_type: code
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).isEqualTo("task_type and model/provider are mutually exclusive; use one or the other");
        });
    }

    @Test
    void a_routed_task_type_loads_and_an_agent_with_neither_model_nor_task_type_is_told_about_task_type() throws Exception {
        assertThat(problems(ROUTED, """
                name: pair
                agents:
                  - name: write
                    task_type: code
                """)).isEmpty();

        List<Problem> none = problems(ROUTED, """
                name: pair
                agents:
                  - name: idle
                    system_prompt: nothing chosen
                """);
        assertThat(none).singleElement().satisfies(p -> assertThat(p.message()).contains("task_type"));
    }
}
