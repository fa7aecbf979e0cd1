package dev.baton.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project laid out as an llm-orc user keeps it — {@code .llm-orc/config.yaml} with
 * {@code model_profiles}, {@code profiles/} with a {@code .local.yaml} override, ensembles in
 * category folders, scripts addressed {@code scripts/...} that read llm-orc's envelope — validates
 * and runs offline under Baton with none of its files changed and nothing written into {@code .llm-orc/}.
 */
class LlmOrcProjectTest {

    @TempDir
    Path tmp;

    private CliHarness cli;
    private Path llmOrc;

    private void write(String relative, String text) throws IOException {
        Path file = llmOrc.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @BeforeEach
    void an_llm_orc_project() throws IOException {
        cli = new CliHarness(tmp);
        llmOrc = cli.workDir().resolve(".llm-orc");
        write("config.yaml", """
                project:
                  name: fixture
                  default_models:
                    test: quick
                performance:
                  streaming_enabled: true
                model_profiles:
                  quick:
                    model: qwen3:0.6b
                    provider: ollama
                    cost_per_token: 0.0
                    system_prompt: You are a quick analyst.
                    timeout_seconds: 30
                  reviewer:
                    model: llama3
                    provider: ollama
                    fallback_model_profile: quick
                """);
        write("profiles/writer.yaml", """
                name: writer
                model: gpt-4o-mini
                provider: openai-compatible/groq
                base_url: https://api.groq.com/openai/v1
                """);
        write("profiles/writer.local.yaml", """
                name: writer
                model: llama3.2
                provider: ollama
                timeout_seconds: 45
                """);
        write("scripts/text/word_count.py", """
                import json, sys
                data = json.load(sys.stdin)
                words = data["input_data"].split()
                print(json.dumps({"agent": data["agent_name"], "words": len(words)}))
                """);
        write("scripts/text/report.py", """
                import json, os, sys
                data = json.load(sys.stdin)
                counted = json.loads(data["dependencies"]["count"]["response"])
                prefix = json.loads(os.environ["AGENT_PARAMETERS"])["prefix"]
                print(f"{prefix}: {counted['words']} words")
                """);
        write("ensembles/text/word-report.yaml", """
                name: word-report
                description: counts the words of the input with scripts only
                agents:
                  - name: count
                    script: scripts/text/word_count.py
                  - name: report
                    script: scripts/text/report.py
                    depends_on: [count]
                    parameters:
                      prefix: Report
                """);
        write("ensembles/review/code-review.yaml", """
                name: code-review
                description: a script, then two model agents on llm-orc profiles
                agents:
                  - name: count
                    script: scripts/text/word_count.py
                  - name: reviewer
                    model_profile: reviewer
                    depends_on: [count]
                  - name: editor
                    model_profile: writer
                    depends_on: [reviewer]
                """);
    }

    @Test
    void config_check_lists_each_file_and_each_profile_with_its_source_and_the_local_override_wins() {
        var r = cli.run("config", "check", "-o", "json");

        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("files").toString()).contains(".llm-orc/config.yaml").contains("writer.local.yaml");
        Map<String, JsonNode> profiles = new TreeMap<>();
        doc.path("profiles").forEach(p -> profiles.put(p.path("name").asString(), p));
        assertThat(profiles).containsKeys("quick", "reviewer", "writer");
        assertThat(profiles.get("writer").path("model").asString()).isEqualTo("llama3.2");
        assertThat(profiles.get("writer").path("source").asString()).endsWith("writer.local.yaml:1");
        assertThat(profiles.get("writer").path("overrides").toString()).contains("writer.yaml:1");
        assertThat(profiles.get("quick").path("source").asString()).endsWith(".llm-orc/config.yaml:8");
        assertThat(profiles.get("quick").path("tier").asString()).isEqualTo("llm-orc");
        assertThat(doc.path("ensembles").toString()).contains("code-review").contains("text/word-report.yaml");

        var text = cli.run("config", "check");
        assertThat(text.out()).contains("llm-orc").contains("writer").contains("ollama/llama3.2").contains("0 problems");
    }

    @Test
    void profiles_list_shows_llm_orc_profiles_with_the_file_they_came_from() {
        var r = cli.run("profiles", "list");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("reviewer").contains("ollama/llama3").contains(".llm-orc/config.yaml:");
    }

    @Test
    void every_ensemble_validates_and_the_script_only_one_runs_without_a_file_of_llm_orc_changed() throws IOException {
        Map<String, String> before = digest(llmOrc);

        var validate = cli.run("ensembles", "validate", "--all");
        var run = cli.run("invoke", "word-report", "one two three", "-o", "json");

        assertThat(validate.exit()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).contains("2 ensembles checked, 0 problems");
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(run.out());
        assertThat(result.toString()).contains("Report: 3 words");
        assertThat(digest(llmOrc)).as("nothing in .llm-orc/ is written or changed").isEqualTo(before);
        assertThat(cli.workDir().resolve(".baton")).as("a run of an llm-orc project makes no .baton/").doesNotExist();
    }

    @Test
    void with_profiles_mapped_to_the_offline_model_in_baton_config_the_model_ensemble_runs_offline() throws IOException {
        Map<String, String> before = digest(llmOrc);
        Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(cli.workDir().resolve(".baton/config.yaml"), """
                profiles:
                  reviewer: {provider: scripted}
                  writer: {provider: scripted}
                  quick: {provider: scripted}
                """);

        var run = cli.run("invoke", "code-review", "review this please", "-o", "json");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        JsonNode result = Json.MAPPER.readTree(run.out());
        assertThat(result.path("status").asString()).isEqualTo("completed");
        assertThat(result.toString()).contains("\"words\":3");
        assertThat(digest(llmOrc)).isEqualTo(before);
    }

    @Test
    void a_claude_cli_profile_is_named_by_validation_and_config_check_and_does_not_break_other_commands() throws IOException {
        write("profiles/pro.yaml", "name: pro\nmodel: claude-sonnet-4\nprovider: claude-cli\n");
        write("ensembles/pro-only.yaml", """
                name: pro-only
                agents:
                  - name: thinker
                    model_profile: pro
                """);

        var validate = cli.run("ensembles", "validate", "pro-only");
        var check = cli.run("config", "check");
        var other = cli.run("ensembles", "validate", "word-report");

        assertThat(validate.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(validate.out()).contains("model profile 'pro' cannot be used").contains("profiles/pro.yaml:1")
                .contains("claude-cli").contains("baton auth add");
        assertThat(check.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.out()).contains("Unusable profiles").contains("profile 'pro'");
        assertThat(other.exit()).as(other.out() + other.err()).isZero();
    }

    @Test
    void scripts_list_names_llm_orc_scripts_as_ensembles_do_and_scripts_test_gives_llm_orcs_document() {
        var list = cli.run("scripts", "list", "-o", "json");
        var trial = cli.run("scripts", "test", "scripts/text/word_count.py", "--input", "a b c d", "-o", "json");

        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("\"scripts/text/word_count.py\"").contains("\"llm-orc\"");
        assertThat(trial.exit()).as(trial.out() + trial.err()).isZero();
        JsonNode out = Json.MAPPER.readTree(trial.out()).path("stdout");
        assertThat(out.path("words").asInt()).isEqualTo(4);
        assertThat(out.path("agent").asString()).isEqualTo("scripts/text/word_count.py");
    }

    @Test
    void a_baton_ensemble_of_the_same_name_wins_and_config_check_marks_the_llm_orc_one_shadowed() throws IOException {
        Path baton = cli.workDir().resolve(".baton/ensembles/word-report.yaml");
        Files.createDirectories(baton.getParent());
        Files.writeString(baton, """
                name: word-report
                agents:
                  - name: only
                    script: echo from-baton
                """);

        var run = cli.run("invoke", "word-report", "x", "-o", "json", "--no-artifact");
        var check = cli.run("config", "check", "-o", "json");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("from-baton");
        JsonNode llmOrcCopy = null;
        for (JsonNode e : Json.MAPPER.readTree(check.out()).path("ensembles")) {
            if (e.path("file").asString().contains(".llm-orc/ensembles/text/word-report.yaml")) llmOrcCopy = e;
        }
        assertThat(llmOrcCopy).isNotNull();
        assertThat(llmOrcCopy.path("shadowed").asBoolean()).isTrue();
        assertThat(llmOrcCopy.path("tier").asString()).isEqualTo("llm-orc");
    }

    @Test
    void a_yaml_error_in_an_llm_orc_file_is_the_problem_config_check_reports_with_file_and_line() throws IOException {
        write("profiles/broken.yaml", "name: broken\nmodel: [unclosed\n");

        var r = cli.run("config", "check", "-o", "json");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.path("ok").asBoolean()).isFalse();
        assertThat(doc.path("problem_list").get(0).asString()).contains("profiles/broken.yaml:").contains("YAML syntax error");
    }

    /** Each file under {@code dir} by relative path, with a digest of its bytes. */
    private static Map<String, String> digest(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.toList()) {
                String key = dir.relativize(f).toString();
                if (Files.isDirectory(f)) out.put(key + "/", "dir");
                else out.put(key, HexFormat.of().formatHex(sha256(Files.readAllBytes(f))));
            }
        }
        return out;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
