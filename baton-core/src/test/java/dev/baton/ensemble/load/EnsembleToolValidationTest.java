package dev.baton.ensemble.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tools:}, {@code max_tool_rounds:} and {@code tool_permissions:} of ensemble YAML: parsed
 * into the spec, and every bad value a problem naming the file, the agent, the line and the field.
 */
class EnsembleToolValidationTest {

    private static final KnownTools KNOWN = new KnownTools(
            Set.of("read_file", "search_text", "list_dir", "write_file"), Set.of("fs"));
    private static final Path FILE = Path.of("tools.yaml");

    private final AtomicInteger asked = new AtomicInteger();

    private List<Problem> problems(String yaml) {
        EnsembleValidator validator = new EnsembleValidator(EnsembleValidator.Options.defaults().withTools(() -> {
            asked.incrementAndGet();
            return KNOWN;
        }));
        return new EnsembleLoader(new EnsembleParser(), validator).check(write(yaml));
    }

    private Path write(String yaml) {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("tools-validation");
            Path file = dir.resolve(FILE);
            java.nio.file.Files.writeString(file, yaml);
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tools_rounds_and_permissions_are_parsed_into_the_spec() {
        EnsembleParser.Parsed parsed = new EnsembleParser().parse("""
                name: t
                tool_permissions: {mode: trust, allow: [read_file], deny: [run_command]}
                agents:
                  - name: a
                    model_profile: p
                    tools: [read_file, "fs.*"]
                    max_tool_rounds: 4
                    tool_permissions: {deny: [write_file]}
                """, null);

        assertThat(parsed.problems()).isEmpty();
        var a = parsed.spec().agents().getFirst();
        assertThat(a.tools()).containsExactly("read_file", "fs.*");
        assertThat(a.maxToolRounds()).isEqualTo(4);
        assertThat(a.toolPermissions().mode()).isNull();
        assertThat(a.toolPermissions().deny()).containsExactly("write_file");
        assertThat(parsed.spec().toolPermissions().mode()).isEqualTo(dev.baton.tool.ToolPolicy.Mode.TRUST);
        assertThat(parsed.spec().toolPermissions().allow()).containsExactly("read_file");
    }

    @Test
    void an_unknown_tool_is_a_problem_naming_agent_field_and_line_with_a_suggestion() {
        List<Problem> problems = problems("""
                name: t
                agents:
                  - name: reader
                    model_profile: p
                    tools: [read_fil, search_text]
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.agent()).isEqualTo("reader");
            assertThat(p.line()).isEqualTo(5);
            assertThat(p.file()).endsWith("tools.yaml");
            assertThat(p.message()).contains("tools: unknown tool 'read_fil'").contains("did you mean 'read_file'?");
        });
    }

    @Test
    void a_glob_that_matches_no_tool_is_a_problem() {
        List<Problem> problems = problems("""
                name: t
                agents:
                  - name: a
                    model_profile: p
                    tools: ["git_*"]
                """);

        assertThat(problems).singleElement().extracting(Problem::message).asString()
                .contains("tool pattern 'git_*' matches no available tool").contains("read_file");
    }

    @Test
    void tools_of_a_configured_mcp_server_are_accepted_without_starting_it() {
        assertThat(problems("""
                name: t
                agents:
                  - name: a
                    model_profile: p
                    tools: ["fs.read_text_file", "fs.*", read_file]
                """)).isEmpty();
        assertThat(problems("""
                name: t
                agents:
                  - name: a
                    model_profile: p
                    tools: ["gh.create_issue"]
                """)).singleElement().extracting(Problem::message).asString().contains("unknown tool 'gh.create_issue'");
    }

    @Test
    void an_ensemble_without_tools_never_asks_for_the_known_tools() {
        assertThat(problems("""
                name: t
                agents:
                  - name: a
                    model_profile: p
                """)).isEmpty();
        assertThat(asked).hasValue(0);
    }

    @Test
    void max_tool_rounds_must_be_at_least_one() {
        assertThat(problems("""
                name: t
                agents:
                  - name: a
                    model_profile: p
                    tools: [read_file]
                    max_tool_rounds: 0
                """)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).isEqualTo("max_tool_rounds must be at least 1, got 0");
        });
    }

    @Test
    void max_tool_rounds_needs_tools_and_an_llm_agent() {
        assertThat(problems("""
                name: t
                agents:
                  - name: a
                    model_profile: p
                    max_tool_rounds: 3
                """)).singleElement().extracting(Problem::message).asString()
                .contains("'max_tool_rounds' applies only to an agent with 'tools'");
        assertThat(problems("""
                name: t
                agents:
                  - name: s
                    script: echo.sh
                    max_tool_rounds: 3
                    tool_permissions: {mode: manual}
                """)).extracting(Problem::message).containsExactlyInAnyOrder(
                "'max_tool_rounds' applies only to LLM agents, not script",
                "'tool_permissions' applies only to LLM agents, not script");
    }

    @Test
    void a_bad_permission_mode_or_key_is_a_problem_at_its_line() {
        List<Problem> problems = problems("""
                name: t
                tool_permissions:
                  mode: yolo
                agents:
                  - name: a
                    model_profile: p
                    tools: [read_file]
                    tool_permissions: {alow: [read_file]}
                """);

        assertThat(problems).extracting(Problem::line, Problem::agent, Problem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(3, null, "'mode' must be one of [manual, trust], got 'yolo'"),
                org.assertj.core.groups.Tuple.tuple(8, "a", "unknown key 'alow' in tool_permissions (did you mean 'allow'?)"));
    }
}
