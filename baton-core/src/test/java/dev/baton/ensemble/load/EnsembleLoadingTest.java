package dev.baton.ensemble.load;

import dev.baton.ensemble.agent.ScriptResolver;
import dev.baton.ensemble.run.RunStatus;
import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.EnsembleTestCase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleLoadingTest {

    @TempDir
    Path dir;

    private final EnsembleParser parser = new EnsembleParser();

    private List<Problem> problems(String yaml) {
        return problems(yaml, EnsembleValidator.Options.defaults().withKnown(Set.of("fast", "smart"), Set.of("openai")));
    }

    private List<Problem> problems(String yaml, EnsembleValidator.Options options) {
        EnsembleParser.Parsed parsed = parser.parse(yaml, Path.of("review.yaml"));
        List<Problem> all = new java.util.ArrayList<>(parsed.problems());
        if (parsed.spec() != null) all.addAll(new EnsembleValidator(options).validate(parsed.spec()));
        return all;
    }

    private static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::toString).toList();
    }

    @Test
    void llm_orc_ensemble_loads_unchanged() throws Exception {
        Files.createDirectories(dir.resolve(".baton/scripts"));
        Files.writeString(dir.resolve(".baton/scripts/split_files.py"), "print('[]')\n");
        String yaml = """
                name: code-review
                description: Multi-perspective code review with a file splitter and a synthesis step
                default_task: Review the attached change for bugs and risks.
                agents:
                  - name: file-splitter
                    script: split_files.py
                    parameters:
                      max_files: 20
                      extensions: [".py", ".java"]
                    timeout_seconds: 30
                  - name: file-reviewer
                    model_profile: fast
                    fan_out: true
                    depends_on: [file-splitter]
                    system_prompt: You review one file at a time.
                  - name: security-reviewer
                    model_profile: smart
                    system_prompt: |
                      You are a security expert. Focus on injection, authn/authz
                      and secrets handling.
                    temperature: 0.2
                    max_tokens: 800
                    timeout_seconds: 60
                    output_format: text
                    fallback_model_profile: fast
                  - name: performance-reviewer
                    model: gpt-4o-mini
                    provider: openai
                    options:
                      top_k: 40
                  - name: synthesizer
                    model_profile: smart
                    depends_on:
                      - agent_name: security-reviewer
                      - agent_name: performance-reviewer
                      - file-reviewer
                    input_key: summary
                    system_prompt: Combine the reviews into one prioritised list.
                """;
        EnsembleValidator validator = new EnsembleValidator(EnsembleValidator.Options.defaults()
                .withKnown(Set.of("fast", "smart"), Set.of("openai"))
                .withScripts(new ScriptResolver(dir, null)));
        EnsembleSpec spec = new EnsembleLoader(parser, validator).load(yaml, dir.resolve("code-review.yaml"));

        assertThat(spec.name()).isEqualTo("code-review");
        assertThat(spec.defaultTask()).startsWith("Review the attached");
        assertThat(spec.agents()).extracting(AgentSpec::name).containsExactly("file-splitter", "file-reviewer",
                "security-reviewer", "performance-reviewer", "synthesizer");
        AgentSpec synth = spec.agent("synthesizer").orElseThrow();
        assertThat(synth.dependsOn()).containsExactly("security-reviewer", "performance-reviewer", "file-reviewer");
        assertThat(synth.inputKey()).isEqualTo("summary");
        assertThat(spec.agent("file-splitter").orElseThrow().kind()).isInstanceOf(AgentKind.Script.class);
        assertThat(spec.agent("file-splitter").orElseThrow().parameters().get("max_files").asInt()).isEqualTo(20);
        assertThat(spec.agent("file-reviewer").orElseThrow().fanOut()).isTrue();
        AgentSpec sec = spec.agent("security-reviewer").orElseThrow();
        assertThat(sec.temperature()).isEqualTo(0.2);
        assertThat(sec.maxTokens()).isEqualTo(800);
        assertThat(sec.fallbackModelProfile()).isEqualTo("fast");
        assertThat(spec.agent("performance-reviewer").orElseThrow().options()).containsEntry("top_k", 40);
    }

    @Test
    void dependency_cycle_is_shown_as_a_path() {
        List<Problem> problems = problems("""
                name: loop
                agents:
                  - name: a
                    model_profile: fast
                    depends_on: [b]
                  - name: b
                    model_profile: fast
                    depends_on: [a]
                """);
        assertThat(messages(problems)).singleElement().asString()
                .contains("dependency cycle: a -> b -> a").startsWith("review.yaml:5: agent 'a'");
    }

    @Test
    void missing_dependency_names_the_agent_and_suggests_a_fix() {
        List<Problem> problems = problems("""
                name: r
                agents:
                  - name: reviewer
                    model_profile: fast
                  - name: summary
                    model_profile: fast
                    depends_on: [reveiwer]
                """);
        assertThat(messages(problems)).singleElement().asString()
                .isEqualTo("review.yaml:7: agent 'summary': missing dependency 'reveiwer' (did you mean 'reviewer'?)");
    }

    @Test
    void unknown_key_is_an_error_with_its_line() {
        List<Problem> problems = problems("""
                name: r
                agents:
                  - name: reviewer
                    model_profile: fast
                    temprature: 0.3
                """);
        assertThat(messages(problems)).singleElement().asString()
                .isEqualTo("review.yaml:5: agent 'reviewer': unknown key 'temprature' in agent (did you mean 'temperature'?)");
    }

    @Test
    void every_problem_is_reported_at_once() {
        List<Problem> problems = problems("""
                name: r
                colour: blue
                agents:
                  - name: a
                    model: gpt-4o
                  - name: b
                    model_profile: fast
                    model: gpt-4o
                    provider: openai
                  - name: c
                    model_profile: nope
                    fan_out: true
                  - name: d
                    model: llama3
                    provider: nowhere
                  - name: e
                    loop: {body: other, max_iterations: 0}
                """);
        assertThat(messages(problems)).anySatisfy(m -> assertThat(m).contains("unknown key 'colour' in ensemble"))
                .anySatisfy(m -> assertThat(m).contains("agent 'a': model needs provider"))
                .anySatisfy(m -> assertThat(m).contains("agent 'b': model_profile and model are mutually exclusive"))
                .anySatisfy(m -> assertThat(m).contains("agent 'c': unknown model profile 'nope'"))
                .anySatisfy(m -> assertThat(m).contains("agent 'c': fan_out: true needs depends_on"))
                .anySatisfy(m -> assertThat(m).contains("agent 'd': unknown provider 'nowhere'"))
                .anySatisfy(m -> assertThat(m).contains("agent 'e': loop.max_iterations must be at least 1"));
        assertThat(problems).hasSize(7);
    }

    @Test
    void when_must_read_a_dependency_and_keys_must_fit_the_agent_kind() {
        List<Problem> problems = problems("""
                name: r
                agents:
                  - name: gate
                    script: "echo '{\\"ok\\": true}'"
                    temperature: 0.5
                  - name: writer
                    model_profile: fast
                    when: ${gate.ok}
                """);
        assertThat(messages(problems))
                .anySatisfy(m -> assertThat(m).contains("agent 'gate': 'temperature' applies only to LLM agents"))
                .anySatisfy(m -> assertThat(m).contains("agent 'writer': when '${gate.ok}' reads agent 'gate', which is not in depends_on"));
    }

    @Test
    void loader_throws_with_all_problems() {
        EnsembleLoader loader = EnsembleLoader.withDefaults();
        assertThatThrownBy(() -> loader.load("name: x\nagents:\n  - name: a\n    depends_on: [zz]\n    model_profile: p\n", null))
                .isInstanceOf(EnsembleDefinitionException.class)
                .hasMessageContaining("missing dependency 'zz'")
                .satisfies(e -> assertThat(((EnsembleDefinitionException) e).problems()).hasSize(1));
    }

    @Test
    void yaml_syntax_error_has_a_line() {
        List<Problem> problems = problems("name: x\nagents:\n  - name: a\n   bad: [\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("YAML syntax error");
            assertThat(p.line()).isGreaterThan(0);
        });
    }

    @Test
    void cross_ensemble_cycle_is_detected() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "name: a\nagents:\n  - name: use-b\n    ensemble: b\n");
        Files.writeString(dir.resolve("b.yaml"), "name: b\nagents:\n  - name: use-a\n    ensemble: a\n");
        EnsembleCatalog catalog = new DirectoryEnsembleCatalog(List.of(dir), parser);
        List<Problem> problems = problems(Files.readString(dir.resolve("a.yaml")),
                EnsembleValidator.Options.defaults().withCatalog(catalog));
        assertThat(messages(problems)).anySatisfy(m -> assertThat(m).contains("cross-ensemble cycle: a -> b -> a"));
    }

    @Test
    void nesting_deeper_than_the_limit_is_rejected() throws Exception {
        for (int i = 0; i < 4; i++) {
            Files.writeString(dir.resolve("e" + i + ".yaml"),
                    "name: e" + i + "\nagents:\n  - name: next\n    ensemble: e" + (i + 1) + "\n");
        }
        Files.writeString(dir.resolve("e4.yaml"), "name: e4\nagents:\n  - name: leaf\n    model_profile: fast\n");
        EnsembleCatalog catalog = new DirectoryEnsembleCatalog(List.of(dir), parser);
        EnsembleValidator.Options opts = EnsembleValidator.Options.defaults().withCatalog(catalog);
        assertThat(problems(Files.readString(dir.resolve("e0.yaml")), opts.withMaxDepth(4))).isEmpty();
        assertThat(messages(problems(Files.readString(dir.resolve("e0.yaml")), opts.withMaxDepth(3))))
                .anySatisfy(m -> assertThat(m).contains("ensemble nesting depth 4 exceeds the limit of 3: e0 -> e1 -> e2 -> e3 -> e4"));
    }

    @Test
    void unknown_child_ensemble_and_bad_output_schema_are_reported() {
        List<Problem> problems = problems("""
                name: r
                agents:
                  - name: child
                    ensemble: missing-one
                  - name: typed
                    model_profile: fast
                    output_schema: {type: object, properties: {score: {type: nonsense}}}
                """, EnsembleValidator.Options.defaults().withCatalog(EnsembleCatalog.empty()));
        assertThat(messages(problems)).anySatisfy(m -> assertThat(m).contains("unknown ensemble 'missing-one'"))
                .anySatisfy(m -> assertThat(m).contains("agent 'typed': invalid output_schema"));
    }

    @Test
    void tests_block_is_parsed() {
        EnsembleParser.Parsed parsed = parser.parse("""
                name: r
                agents:
                  - name: a
                    model_profile: fast
                tests:
                  - name: happy
                    input: hello
                    replies:
                      a: ["first", "second"]
                    expect:
                      status: completed
                      agents: {a: completed}
                      outputs:
                        - agent: a
                          contains: fir
                        - agent: a
                          json_path: $.x[0]
                          equals: "1"
                      order: [a]
                      max_duration_ms: 5000
                """, null);
        assertThat(parsed.problems()).isEmpty();
        EnsembleTestCase t = parsed.spec().tests().get(0);
        assertThat(t.replies()).containsEntry("a", List.of("first", "second"));
        assertThat(t.expect().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(t.expect().outputs()).hasSize(2);
        assertThat(t.expect().maxDuration()).hasMillis(5000);
    }
}
