package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's quick start works as written for a new user: its commands, parsed from the first
 * bash block under "## Quick start", run in order in a fresh directory with an empty HOME, no API
 * keys and no Ollama, in-process, and each exits 0 — except a line whose comment says it
 * {@code needs SOME_API_KEY}: without that key it must exit 2 and name the variable, so a new
 * user learns what to set. Supported lines: {@code bin/baton ARGS},
 * {@code echo TEXT | bin/baton ARGS} (TEXT on stdin) and {@code echo TEXT > FILE}.
 */
class ReadmeQuickStartTest {

    @TempDir
    Path tmp;

    @Test
    void every_quick_start_command_succeeds_offline_in_a_fresh_project() throws IOException {
        List<String> lines = quickStart();
        assertThat(lines).as("README quick start commands").anyMatch(l -> l.startsWith("bin/baton init"));
        CliHarness cli = new CliHarness(tmp);

        for (String raw : rawQuickStart()) {
            String line = ShellWords.withoutComment(raw).strip();
            if (line.isEmpty()) continue;
            java.util.regex.Matcher needs = NEEDS_KEY.matcher(raw.substring(line.length()));
            List<String> words = ShellWords.split(line);
            String stdin = "";
            if (words.getFirst().equals("echo")) {
                int op = words.indexOf("|") >= 0 ? words.indexOf("|") : words.indexOf(">");
                assertThat(op).as("README quick start: unsupported line: %s", line).isPositive();
                String text = String.join(" ", words.subList(1, op)) + "\n";
                if (words.get(op).equals(">")) {
                    assertThat(words).as("README quick start: unsupported line: %s", line).hasSize(op + 2);
                    Files.writeString(cli.workDir().resolve(words.get(op + 1)), text);
                    continue;
                }
                stdin = text;
                words = words.subList(op + 1, words.size());
            }
            assertThat(words.getFirst()).as("README quick start: unsupported line: %s", line).isEqualTo("bin/baton");

            var r = cli.runWithStdin(stdin, words.subList(1, words.size()).toArray(String[]::new));

            if (needs.find()) {
                assertThat(r.exit()).as("README quick start `%s` without %s:%nstderr: %s", line, needs.group(1), r.err())
                        .isEqualTo(2);
                assertThat(r.err()).as("`%s` names the missing variable", line).contains(needs.group(1));
                continue;
            }
            assertThat(r.exit()).as("README quick start `%s` (offline, fresh project):%nstdout: %s%nstderr: %s",
                    line, r.out(), r.err()).isZero();
            if (words.contains("--json-schema")) {
                var answer = Json.MAPPER.readTree(r.out());
                assertThat(answer.path("name").isString() && answer.path("age").isIntegralNumber())
                        .as("`%s` answers with an instance of the schema: %s", line, r.out()).isTrue();
            }
        }
    }

    @Test
    void the_quick_start_asks_for_structured_output_with_a_schema_it_creates_itself() throws IOException {
        List<String> lines = quickStart();
        int schemaUse = indexOf(lines, "--json-schema");
        assertThat(schemaUse).as("the quick start shows --json-schema").isNotNegative();
        String file = ShellWords.split(lines.get(schemaUse)).get(ShellWords.split(lines.get(schemaUse)).indexOf("--json-schema") + 1);
        assertThat(lines.subList(0, schemaUse)).as("a line before creates %s", file)
                .anyMatch(l -> l.startsWith("echo") && l.endsWith("> " + file));
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i;
        return -1;
    }

    private static final java.util.regex.Pattern NEEDS_KEY = java.util.regex.Pattern.compile("needs ([A-Z0-9_]+_API_KEY)");

    /** The command lines of the first bash block after "## Quick start", comments removed. */
    static List<String> quickStart() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : rawQuickStart()) {
            String command = ShellWords.withoutComment(line).strip();
            if (!command.isEmpty()) lines.add(command);
        }
        return lines;
    }

    /** The lines of the first bash block after "## Quick start", comments kept. */
    private static List<String> rawQuickStart() throws IOException {
        Path readme = DocBlocks.root().resolve("README.md");
        String text = Files.readString(readme);
        int section = text.indexOf("\n## Quick start");
        assertThat(section).as("README.md has a '## Quick start' section").isPositive();
        int sectionLine = (int) text.substring(0, section).lines().count() + 1;
        DocBlocks.Block block = DocBlocks.of(readme).stream()
                .filter(b -> b.line() > sectionLine && b.info().equals("bash")).findFirst().orElseThrow();
        return block.text().lines().map(String::strip).toList();
    }
}
