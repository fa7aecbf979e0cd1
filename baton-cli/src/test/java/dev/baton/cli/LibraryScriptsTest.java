package dev.baton.cli;

import dev.baton.library.Library;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every library script, copied into a project and run through {@code baton scripts test}. */
class LibraryScriptsTest {

    @TempDir
    Path tmp;

    private CliHarness cli;

    @BeforeEach
    void copyEveryLibraryScript() {
        cli = new CliHarness(tmp);
        for (Library.Entry e : Library.load().entries(Library.Kind.script)) {
            assertThat(cli.run("library", "copy", e.name()).exit()).isZero();
        }
    }

    private CliHarness.Result test(String script, String parameters, String input, String... more) {
        String[] args = new String[6 + more.length];
        args[0] = "scripts";
        args[1] = "test";
        args[2] = script;
        args[3] = "--parameters";
        args[4] = parameters;
        args[5] = "--input=" + input;
        System.arraycopy(more, 0, args, 6, more.length);
        return cli.run(args);
    }

    private JsonNode json(CliHarness.Result r) {
        assertThat(r.exit()).as(r.err()).isZero();
        return Json.MAPPER.readTree(r.out());
    }

    private static void assertFails(CliHarness.Result r, String stderrText) {
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).contains("failed: exited with status 1").contains(stderrText);
    }

    @Test
    void read_file_prints_the_file_and_fails_clearly_on_a_missing_one() throws Exception {
        Files.writeString(cli.workDir().resolve("notes.txt"), "line one\nline two\n");

        var byInput = test("read_file", "{}", "notes.txt");
        var byParameter = test("read_file.py", "{\"path\": \"notes.txt\"}", "ignored");

        assertThat(byInput.exit()).as(byInput.err()).isZero();
        assertThat(byInput.out()).isEqualTo("line one\nline two\n");
        assertThat(byInput.err()).contains("ok: exit 0");
        assertThat(byParameter.out()).isEqualTo(byInput.out());
        assertFails(test("read_file", "{}", "missing.txt"), "read_file: no such file: missing.txt");
        assertFails(test("read_file", "{\"path\": \"notes.txt\", \"max_bytes\": 3}", ""), "more than max_bytes 3");
    }

    @Test
    void write_file_writes_inside_the_project() throws Exception {
        var r = test("write_file", "{\"path\": \"out/report.md\"}", "# Report", "-o", "json");

        JsonNode d = json(r);
        assertThat(d.path("ok").asBoolean()).isTrue();
        assertThat(d.path("stdout").path("path").asString()).isEqualTo("out/report.md");
        assertThat(cli.workDir().resolve("out/report.md")).hasContent("# Report");

        var fromDependency = test("write_file", "{\"path\": \"out/data.json\", \"from\": \"review\"}", "x",
                "--dependencies", "{\"review\": {\"score\": 4}}");
        assertThat(fromDependency.exit()).as(fromDependency.err()).isZero();
        assertThat(Json.MAPPER.readTree(Files.readString(cli.workDir().resolve("out/data.json"))).path("score").asInt())
                .isEqualTo(4);
    }

    @Test
    void write_file_refuses_paths_outside_the_project() throws Exception {
        Path outside = tmp.resolve("outside.txt");
        Files.createSymbolicLink(cli.workDir().resolve("escape"), tmp);

        assertFails(test("write_file", "{\"path\": \"../outside.txt\"}", "x"), "outside the project directory");
        assertFails(test("write_file", "{\"path\": \"" + outside + "\"}", "x"), "outside the project directory");
        assertFails(test("write_file", "{\"path\": \"escape/outside.txt\"}", "x"), "outside the project directory");
        assertFails(test("write_file", "{}", "x"), "parameter 'path'");
        assertThat(outside).doesNotExist();
    }

    @Test
    void json_select_reads_paths_over_input_and_dependencies() {
        String deps = "{\"review\": {\"items\": [{\"title\": \"a\"}, {\"title\": \"b\"}], \"score\": 3}}";

        var titles = test("json_select", "{\"path\": \"$.review.items[*].title\"}", "", "--dependencies", deps, "-o", "json");
        var fromInput = test("json_select", "{\"path\": \"$.input.a[-1]\"}", "{\"a\": [1, 2, 3]}");
        var scoped = test("json_select", "{\"path\": \"$.score\", \"from\": \"review\"}", "", "--dependencies", deps);
        var fallback = test("json_select", "{\"path\": \"$.review.nope\", \"default\": \"none\"}", "", "--dependencies", deps);

        assertThat(json(titles).path("stdout").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(fromInput.out().strip()).isEqualTo("3");
        assertThat(scoped.out().strip()).isEqualTo("3");
        assertThat(fallback.out().strip()).isEqualTo("none");
        assertFails(test("json_select", "{\"path\": \"$.review.nope\"}", "", "--dependencies", deps), "selects nothing");
        assertFails(test("json_select", "{\"path\": \"review\"}", ""), "must be an expression starting with $");
        assertFails(test("json_select", "{}", ""), "parameter 'path' is required");
    }

    @Test
    void json_transform_builds_an_object_and_names_every_missing_field() {
        String deps = "{\"draft\": {\"title\": \"T\", \"tags\": [{\"name\": \"x\"}]}, \"review\": {\"score\": 5}}";
        String fields = "{\"fields\": {\"title\": \"$.draft.title\", \"score\": \"$.review.score\", "
                + "\"tags\": \"$.draft.tags[*].name\", \"owner\": \"$.draft.owner\"}, \"defaults\": {\"owner\": \"nobody\"}}";

        JsonNode out = json(test("json_transform", fields, "", "--dependencies", deps, "-o", "json")).path("stdout");

        assertThat(out.toString()).isEqualTo("{\"title\":\"T\",\"score\":5,\"tags\":[\"x\"],\"owner\":\"nobody\"}");
        assertFails(test("json_transform", "{\"fields\": {\"a\": \"$.x\", \"b\": \"$.y\"}}", ""),
                "nothing selected for: a ($.x), b ($.y)");
        assertFails(test("json_transform", "{\"fields\": []}", ""), "parameter 'fields'");
    }

    @Test
    void ask_user_without_a_terminal_answers_with_the_default_or_fails_clearly() {
        var answered = test("ask_user", "{\"default\": \"yes\", \"interactive\": false}", "Deploy now?");

        assertThat(answered.exit()).as(answered.err()).isZero();
        assertThat(answered.out().strip()).isEqualTo("yes");
        assertFails(test("ask_user", "{\"interactive\": false}", "Deploy now?"), "no 'default' parameter");
        assertFails(test("ask_user", "{\"interactive\": false}", ""), "no question");
    }

    @Test
    void replicate_emits_n_copies_for_fan_out() {
        JsonNode copies = json(test("replicate", "{\"count\": 3}", "same task", "-o", "json")).path("stdout");
        JsonNode indexed = json(test("replicate", "{\"count\": 2, \"with_index\": true}", "t", "-o", "json")).path("stdout");

        assertThat(copies.toString()).isEqualTo("[\"same task\",\"same task\",\"same task\"]");
        assertThat(indexed.get(1).path("index").asInt()).isEqualTo(1);
        assertFails(test("replicate", "{\"count\": -1}", "t"), "parameter 'count' must be an integer");
        assertFails(test("replicate", "{}", "t"), "parameter 'count'");
    }

    @Test
    void loop_helper_counts_iterations_through_the_carried_input() {
        JsonNode first = json(test("loop_helper", "{\"stop_after\": 2}", "task", "-o", "json")).path("stdout");
        JsonNode second = json(test("loop_helper", "{\"stop_after\": 2}", "{\"iteration\": 1, \"input\": \"task\"}",
                "-o", "json")).path("stdout");
        JsonNode approved = json(test("loop_helper", "{\"done_from\": \"critic.approved\"}", "task",
                "--dependencies", "{\"critic\": {\"approved\": true}}", "-o", "json")).path("stdout");

        assertThat(first.toString()).isEqualTo("{\"done\":false,\"iteration\":1,\"input\":\"task\"}");
        assertThat(second.path("done").asBoolean()).isTrue();
        assertThat(second.path("iteration").asInt()).isEqualTo(2);
        assertThat(approved.path("done").asBoolean()).isTrue();
        assertFails(test("loop_helper", "{}", "task"), "give parameter 'stop_after'");
        assertFails(test("loop_helper", "{\"stop_after\": 0}", "task"), "must be an integer >= 1");
    }

    @Test
    void chunk_text_splits_into_word_chunks_and_rejects_bad_sizes() {
        var r = test("chunk_text", "{\"chunk_words\": 2, \"overlap\": 1}", "a b c d");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).toString()).isEqualTo("[\"a b\",\"b c\",\"c d\"]");
        assertFails(test("chunk_text", "{\"chunk_words\": 0}", "a"), "'chunk_words' must be an integer >= 1");
        assertFails(test("chunk_text", "{\"chunk_words\": 2, \"overlap\": 2}", "a"), "must be smaller than");
    }

    @Test
    void every_library_script_rejects_stdin_that_is_not_the_protocol_json() throws Exception {
        for (Library.Entry e : Library.load().entries(Library.Kind.script)) {
            Path script = cli.workDir().resolve(".baton").resolve(e.files().get(0));
            Process p = new ProcessBuilder("python3", script.toString()).directory(cli.workDir().toFile()).start();
            p.getOutputStream().write("not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String stderr = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

            assertThat(p.waitFor()).as(e.name()).isEqualTo(1);
            assertThat(stderr).as(e.name()).startsWith(e.name() + ": stdin is not a JSON document");
        }
    }
}
