package dev.baton.cli;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/json-output.md} in step with the CLI: every command that prints JSON is run
 * with {@code -o json} and its top-level field names must be those the doc's field table lists
 * (fields typed "optional" may be absent); every documented command is run and every run
 * command is documented; a failure prints the documented error document.
 */
class JsonOutputDocTest {

    private static final Path DOC = DocBlocks.root().resolve("docs/json-output.md");
    private static final Pattern HEADING = Pattern.compile("^## (.*)$");
    private static final Pattern COMMAND = Pattern.compile("`baton ([a-z -]+)`");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|.*$");

    private static final String SCRIPT = """
            #!/bin/sh
            # Echoes a fixed JSON reply.
            cat >/dev/null
            echo '{"ok": true}'
            """;

    private static final String ENSEMBLE = """
            name: hello
            description: says hello
            agents:
              - {name: greet, script: "printf hello"}
              - {name: answer, model_profile: priced, depends_on: [greet]}
            tests:
              - name: greets
                input: hi
                replies:
                  answer: [hello back]
                expect:
                  status: completed
            """;

    private static final String OPERATIONS = """
            feature: text
            operations:
              upper:
                profile: priced
                prompt: "Upper-case {{text}}"
                input_schema: {type: object, required: [text], properties: {text: {type: string}}}
                response_schema: {type: object, required: [text], properties: {text: {type: string}}}
            """;

    /** One documented document: the commands it covers and its top-level fields. */
    record Section(String title, List<String> commands, Set<String> fields, Set<String> optional) {
    }

    @TempDir
    Path tmp;

    @Test
    void every_json_document_has_the_top_level_fields_the_doc_lists() throws IOException {
        List<Section> sections = sections(Files.readAllLines(DOC));
        EnsembleProject project = project();
        Map<String, String[]> runs = runs();
        // a run of its own for `artifacts delete`, older than those the other commands make and show
        assertThat(project.run("invoke", "hello", "to delete", "-o", "json").exit()).isZero();
        String execution = Json.MAPPER.readTree(project.run("artifacts", "list", "-o", "json").out()).get(0).path("execution").asString();
        runs.put("artifacts delete", new String[] {"artifacts", "delete", "hello", execution, "-o", "json"});
        SoftAssertions soft = new SoftAssertions();
        Set<String> documented = new LinkedHashSet<>();
        for (Section s : sections) {
            if (s.title().startsWith("Error document")) continue;
            for (String command : s.commands()) {
                documented.add(command);
                String[] args = runs.get(command);
                soft.assertThat(args).as("a run for documented command '%s'", command).isNotNull();
                if (args == null) continue;
                var r = project.run(args);
                soft.assertThat(r.exit()).as("%s: %s", command, r.err()).isZero();
                // batch output is JSON Lines: each line is one document
                JsonNode doc = Json.MAPPER.readTree(command.endsWith("--batch") ? r.out().lines().findFirst().orElse("") : r.out());
                JsonNode object = doc.isArray() ? doc.path(0) : doc;
                soft.assertThat(object.isObject()).as("%s prints an object or a non-empty array of objects: %s", command, r.out()).isTrue();
                Set<String> actual = new LinkedHashSet<>(object.propertyNames());
                Set<String> required = new LinkedHashSet<>(s.fields());
                required.removeAll(s.optional());
                soft.assertThat(actual).as("%s: fields printed", command).containsAll(required);
                soft.assertThat(s.fields()).as("%s: fields documented", command).containsAll(actual);
            }
        }
        soft.assertThat(documented).as("every command that prints JSON is documented").containsExactlyInAnyOrderElementsOf(runs.keySet());
        soft.assertAll();
    }

    @Test
    void a_failure_prints_the_documented_error_document() throws IOException {
        Section error = sections(Files.readAllLines(DOC)).stream()
                .filter(s -> s.title().startsWith("Error document")).findFirst().orElseThrow();

        var r = new CliHarness(tmp).run("ensembles", "show", "nope", "-o", "json");

        assertThat(r.exit()).isEqualTo(2);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertThat(doc.propertyNames()).containsExactly("error");
        Set<String> actual = new LinkedHashSet<>(doc.path("error").propertyNames());
        Set<String> required = new LinkedHashSet<>(error.fields());
        required.removeAll(error.optional());
        assertThat(actual).containsAll(required);
        assertThat(error.fields()).containsAll(actual);
    }

    /** The offline project every command runs in: an ensemble with a test, a script, a budget, a stored key, a recorded run. */
    private EnsembleProject project() throws IOException {
        EnsembleProject p = new EnsembleProject(tmp).ensemble("hello", ENSEMBLE).config("""
                profiles:
                  priced:
                    provider: scripted
                    model: offline
                    prices: {input: 1, output: 1}
                budgets:
                  - {scope: project, period: total, usd: 100}
                """);
        Path script = p.work().resolve(".baton/scripts/echo.sh");
        p.write(script, SCRIPT);
        script.toFile().setExecutable(true);
        p.write(p.work().resolve(".baton/operations/text.yaml"), OPERATIONS);
        p.write(p.work().resolve("inputs.jsonl"), "\"hi\"\n{\"input\": \"yo\"}\n");
        assertThat(p.cli.runWithStdin("sk-doc-test-0123456789abcdef\n", "auth", "add", "openai").exit()).isZero();
        assertThat(p.run("ask", "-p", "priced", "hello").exit()).isZero();
        assertThat(p.run("keys", "create", "--name", "doc-key").exit()).isZero();
        assertThat(p.run("memory", "add", "style", "records over classes").exit()).isZero();
        return p;
    }

    /** How each command is run; the key is the command as the doc's headings name it. */
    private static Map<String, String[]> runs() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("ask", new String[] {"ask", "-p", "priced", "-o", "json", "hello"});
        m.put("invoke", new String[] {"invoke", "hello", "hi", "-o", "json"});
        m.put("coordinate", new String[] {"coordinate", "What does hello do?", "-p", "priced", "-o", "json"});
        m.put("invoke --batch", new String[] {"invoke", "hello", "--batch", "inputs.jsonl", "-o", "json"});
        m.put("artifacts show", new String[] {"artifacts", "show", "hello", "-o", "json"});
        m.put("artifacts list", new String[] {"artifacts", "list", "-o", "json"});
        m.put("artifacts cleanup", new String[] {"artifacts", "cleanup", "--older-than", "30d", "-o", "json"});
        m.put("ensembles list", new String[] {"ensembles", "list", "-o", "json"});
        m.put("ensembles show", new String[] {"ensembles", "show", "hello", "-o", "json"});
        m.put("ensembles validate", new String[] {"ensembles", "validate", "hello", "-o", "json"});
        m.put("ensembles create", new String[] {"ensembles", "create", "fresh", "-o", "json"});
        m.put("test", new String[] {"test", "hello", "-o", "json"});
        m.put("profiles list", new String[] {"profiles", "list", "-o", "json"});
        m.put("profiles show", new String[] {"profiles", "show", "priced", "-o", "json"});
        m.put("config check", new String[] {"config", "check", "-o", "json"});
        m.put("providers status", new String[] {"providers", "status", "--timeout", "1", "-o", "json"});
        m.put("models list", new String[] {"models", "list", "-o", "json"});
        m.put("auth list", new String[] {"auth", "list", "-o", "json"});
        m.put("stats", new String[] {"stats", "-o", "json"});
        m.put("keys create", new String[] {"keys", "create", "--name", "fresh-key", "-o", "json"});
        m.put("keys list", new String[] {"keys", "list", "-o", "json"});
        m.put("budgets list", new String[] {"budgets", "list", "-o", "json"});
        m.put("library browse", new String[] {"library", "browse", "-o", "json"});
        m.put("library search", new String[] {"library", "search", "chunk", "-o", "json"});
        m.put("library show", new String[] {"library", "show", "read_file", "-o", "json"});
        m.put("library copy", new String[] {"library", "copy", "read_file", "-o", "json"});
        m.put("ops list", new String[] {"ops", "list", "-o", "json"});
        m.put("ops show", new String[] {"ops", "show", "text.upper", "-o", "json"});
        m.put("ops run", new String[] {"ops", "run", "text.upper", "--data", "{\"text\": \"hi\"}", "-o", "json"});
        m.put("ops validate", new String[] {"ops", "validate", "-o", "json"});
        m.put("scripts list", new String[] {"scripts", "list", "-o", "json"});
        m.put("scripts show", new String[] {"scripts", "show", "echo", "-o", "json"});
        m.put("scripts test", new String[] {"scripts", "test", "echo", "--input", "x", "-o", "json"});
        m.put("tools list", new String[] {"tools", "list", "-o", "json"});
        m.put("tools call", new String[] {"tools", "call", "echo", "--args", "{\"text\": \"hi\"}", "-o", "json"});
        m.put("audit list", new String[] {"audit", "list", "-o", "json"});
        m.put("personas list", new String[] {"personas", "list", "-o", "json"});
        m.put("personas show", new String[] {"personas", "show", "reviewer", "-o", "json"});
        m.put("chat", new String[] {"chat", "-p", "priced", "-o", "json"});
        m.put("memory add", new String[] {"memory", "add", "build.command", "./mvnw -B verify", "-o", "json"});
        m.put("memory list", new String[] {"memory", "list", "-o", "json"});
        m.put("memory search", new String[] {"memory", "search", "hello", "-o", "json"});
        m.put("memory reindex", new String[] {"memory", "reindex", "-o", "json"});
        m.put("tasks submit", new String[] {"tasks", "submit", "hello", "--input", "x", "--at", "1h", "-o", "json"});
        return m;
    }

    /**
     * The doc's {@code ##} sections: the commands named in the heading as {@code `baton ...`}, and
     * the first column of the section's first table, top-level names only (no {@code .} or {@code []}).
     */
    static List<Section> sections(List<String> lines) {
        List<Section> out = new ArrayList<>();
        String title = null;
        Set<String> fields = null;
        Set<String> optional = null;
        boolean tableDone = false;
        boolean inTable = false;
        for (String line : lines) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                if (title != null) out.add(section(title, fields, optional));
                title = h.group(1);
                fields = new LinkedHashSet<>();
                optional = new LinkedHashSet<>();
                tableDone = false;
                inTable = false;
                continue;
            }
            if (title == null || tableDone) continue;
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                inTable = true;
                String name = row.group(1);
                if (!name.contains(".") && !name.contains("[")) {
                    fields.add(name);
                    if (row.group(2).contains("optional")) optional.add(name);
                }
            } else if (inTable && !line.startsWith("|")) {
                tableDone = true;
            }
        }
        if (title != null) out.add(section(title, fields, optional));
        return out.stream().filter(s -> !s.fields().isEmpty()).toList();
    }

    private static Section section(String title, Set<String> fields, Set<String> optional) {
        List<String> commands = new ArrayList<>();
        Matcher m = COMMAND.matcher(title);
        while (m.find()) commands.add(m.group(1).strip());
        return new Section(title, commands, fields, optional);
    }
}
