package dev.baton.cli;

import dev.baton.library.Library;

import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.run.RunResult;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.testing.TestCaseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example ensembles `baton init` ships, the library's ensembles and the repository's own
 * .baton/ all validate, run offline on the default profile (no API key) and pass their tests.
 */
class ExampleEnsemblesTest {

    @TempDir
    Path tmp;

    private Map<String, String> offlineEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString());
        env.put("BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString());
        env.put("OLLAMA_HOST", "127.0.0.1:1");
        return env;
    }

    private CliHarness initialisedProject() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init").exit()).isZero();
        return cli;
    }

    @Test
    void init_creates_the_three_examples_and_an_executable_chunker() {
        CliHarness cli = initialisedProject();
        Path baton = cli.workDir().resolve(".baton");

        assertThat(baton.resolve("ensembles")).isDirectoryContaining("glob:**/code-review.yaml")
                .isDirectoryContaining("glob:**/chunked-summary.yaml").isDirectoryContaining("glob:**/research-loop.yaml")
                .isDirectoryContaining("glob:**/research-round.yaml");
        assertThat(Files.isExecutable(baton.resolve("scripts/chunk_text.py"))).isTrue();
    }

    @Test
    void init_examples_validate_and_run_offline_on_the_default_profile() throws IOException {
        CliHarness cli = initialisedProject();
        try (OfflineEnsembles project = new OfflineEnsembles(cli.workDir(), offlineEnv())) {
            assertThat(project.files()).hasSize(4);
            for (Path file : project.files()) {
                EnsembleSpec spec = project.load(file);
                RunResult result = project.run(spec, null);
                assertThat(result.status()).as(file + ": " + result.agents()).isEqualTo(RunStatus.COMPLETED);
            }

            RunResult review = project.run(project.load("code-review"), "int f() { return 1 / 0; }");
            assertThat(review.deliverable()).isEqualTo("synthesis");
            assertThat(review.deliverableOutput()).contains("offline scripted reply");

            RunResult chunks = project.run(project.load("chunked-summary"), "word ".repeat(650));
            JsonNode summaries = chunks.agent("summarize").orElseThrow().outputJson();
            assertThat(summaries.size()).isEqualTo(3);
            assertThat(summaries.get(2).path("status").asString()).isEqualTo("completed");

            RunResult research = project.run(project.load("research-loop"), "Why WAL?");
            JsonNode loop = research.agent("research").orElseThrow().outputJson();
            assertThat(loop.path("iterations").asInt()).isEqualTo(3);
            assertThat(loop.path("terminated").asString()).isEqualTo("exhausted");
            assertThat(loop.path("output").path("verdict").asString()).isEqualTo("revise");
            assertThat(research.deliverable()).isEqualTo("writer");
        }
    }

    @Test
    void init_examples_pass_their_own_tests_blocks() throws IOException {
        CliHarness cli = initialisedProject();
        try (OfflineEnsembles project = new OfflineEnsembles(cli.workDir(), offlineEnv())) {
            assertEveryTestPasses(project, 4);
        }
    }

    @Test
    void every_library_ensemble_is_an_init_example_or_runs_and_passes_its_tests_once_copied() throws IOException {
        CliHarness cli = new CliHarness(tmp);
        List<String> initTargets = InitCommand.files().stream().map(InitCommand.InitFile::target).toList();
        List<Library.Entry> others = Library.load().entries(Library.Kind.ensemble).stream()
                .filter(e -> !initTargets.containsAll(e.files())).toList();
        assertThat(others).extracting(Library.Entry::name).containsExactly("file-summary");
        assertThat(cli.run("library", "copy", "file-summary").exit()).isZero();

        try (OfflineEnsembles project = new OfflineEnsembles(cli.workDir(), offlineEnv())) {
            RunResult summary = project.run(project.load("file-summary"), ".baton/ensembles/file-summary.yaml");
            assertThat(summary.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(summary.agent("read").orElseThrow().output()).contains("name: file-summary");
            assertEveryTestPasses(project, 1);
        }
    }

    @Test
    void the_repository_baton_folder_validates_runs_offline_and_passes_its_tests() throws IOException {
        Path repo = repositoryRoot();
        try (OfflineEnsembles project = new OfflineEnsembles(repo, offlineEnv())) {
            assertThat(project.projectRoot()).isEqualTo(repo);
            for (Path file : project.files()) {
                RunResult result = project.run(project.load(file), null);
                assertThat(result.status()).as(file + ": " + result.agents()).isEqualTo(RunStatus.COMPLETED);
            }
            String code = Files.readString(repo.resolve("baton-core/src/main/java/dev/baton/llm/ChatModel.java"));
            RunResult review = project.run(project.load("code-review"), code);
            assertThat(review.status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(review.agents()).allMatch(a -> a.completed());

            RunResult explained = project.run(project.load("explain-project"), null);
            AgentResult explain = explained.agent("explain").orElseThrow();
            assertThat(explain.toolCalls()).extracting(c -> c.call().tool() + " " + c.call().outcome())
                    .containsExactly("read_file OK", "search_text OK");
            String readme = Files.readAllLines(repo.resolve("README.md")).getFirst();
            assertThat(explain.output()).as("answered from the tools' results").contains(readme).contains("docs/");
            assertEveryTestPasses(project, 5);
        }
    }

    @Test
    void the_repository_baton_folder_holds_exactly_what_init_creates() throws IOException {
        Path repo = repositoryRoot();
        for (InitCommand.InitFile f : InitCommand.files()) {
            try (InputStream in = InitCommand.class.getResourceAsStream(f.resource())) {
                assertThat(in).as(f.resource()).isNotNull();
                assertThat(Files.readAllBytes(repo.resolve(".baton").resolve(f.target())))
                        .as(".baton/" + f.target() + " differs from the bundled " + f.resource())
                        .isEqualTo(in.readAllBytes());
            }
            if (f.target().endsWith(".py")) assertThat(Files.isExecutable(repo.resolve(".baton").resolve(f.target()))).isTrue();
        }
    }

    private static void assertEveryTestPasses(OfflineEnsembles project, int ensemblesWithTests) throws IOException {
        int withTests = 0;
        for (Path file : project.files()) {
            EnsembleSpec spec = project.load(file);
            if (spec.tests().isEmpty()) continue;
            withTests++;
            for (TestCaseResult r : project.runTests(spec)) {
                assertThat(r.passed()).as(spec.name() + " / " + r.name() + ": " + r.failures()).isTrue();
            }
        }
        assertThat(withTests).isEqualTo(ensemblesWithTests);
    }

    /** The clone's root: the folder above this module holding the Maven wrapper and .baton/. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve(".baton"))) return dir;
        }
        throw new IllegalStateException("no repository root with .baton/ above " + Path.of("").toAbsolutePath());
    }
}
