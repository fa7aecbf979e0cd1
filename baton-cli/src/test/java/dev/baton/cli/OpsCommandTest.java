package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton ops}: the library's operations offline, files added without a rebuild, validation, input errors. */
class OpsCommandTest {

    @TempDir
    Path tmp;

    private CliHarness projectWithLibraryOperations() {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init").exit()).isZero();
        assertThat(cli.run("library", "copy", "code-operations").exit()).isZero();
        assertThat(cli.run("library", "copy", "docs-operations").exit()).isZero();
        return cli;
    }

    private static List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        Json.MAPPER.readTree(json).forEach(n -> ids.add(n.path("id").asString()));
        return ids;
    }

    @Test
    void the_library_operations_list_validate_and_run_offline() throws Exception {
        CliHarness cli = projectWithLibraryOperations();
        Files.writeString(cli.workDir().resolve("doc.json"), "{\"text\": \"Run `baton init` then frobnicate.\"}");

        var list = cli.run("ops", "list", "-o", "json");
        var validate = cli.run("ops", "validate");
        var summarize = cli.run("ops", "run", "code.summarize", "--data", "{\"code\": \"int add(int a, int b) { return a + b; }\"}", "-o", "json");
        var review = cli.run("ops", "run", "code.review", "--data", "{\"code\": \"String q = \\\"x\\\" + id;\"}", "-o", "json");
        var docs = cli.run("ops", "run", "docs.check", "--data", "@doc.json");

        assertThat(list.exit()).isZero();
        assertThat(ids(list.out())).containsExactly("code.review", "code.summarize", "docs.check");
        assertThat(validate.exit()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("3 operations loaded, 0 problems");
        assertThat(summarize.exit()).as(summarize.err()).isZero();
        JsonNode s = Json.MAPPER.readTree(summarize.out());
        assertThat(s.path("operation").asString()).isEqualTo("code.summarize");
        assertThat(s.path("result").path("summary").isString()).isTrue();
        assertThat(s.path("result").path("key_points").isArray()).isTrue();
        assertThat(s.path("metadata").path("mode").asString()).isEqualTo("monolithic");
        assertThat(s.path("metadata").path("models").get(0).asString()).startsWith("scripted/");
        assertThat(review.exit()).as(review.err()).isZero();
        JsonNode r = Json.MAPPER.readTree(review.out());
        assertThat(r.path("result").path("verdict").asString()).isIn("approve", "request_changes");
        assertThat(r.path("metadata").path("ensemble").asString()).isEqualTo("code-review-report");
        assertThat(r.path("metadata").path("run_id").asString()).isNotBlank();
        assertThat(docs.exit()).as(docs.err()).isZero();
        assertThat(Json.MAPPER.readTree(docs.out()).path("ok").isBoolean()).isTrue();
        assertThat(docs.err()).contains("docs.check · monolithic");
    }

    @Test
    void an_operation_file_added_to_the_project_appears_in_ops_list_without_a_rebuild() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init").exit()).isZero();
        assertThat(ids(cli.run("ops", "list", "-o", "json").out())).isEmpty();

        Files.createDirectories(cli.workDir().resolve(".baton/operations"));
        Files.writeString(cli.workDir().resolve(".baton/operations/text.yaml"), """
                feature: text
                operations:
                  shout:
                    description: Upper-case the text
                    prompt: "Upper-case this: {{text}}"
                    input_schema: {type: object, required: [text], properties: {text: {type: string}}}
                    response_schema: {type: object, required: [text], properties: {text: {type: string}}}
                """);
        var list = cli.run("ops", "list");
        var show = cli.run("ops", "show", "text.shout");
        var run = cli.run("ops", "run", "text.shout", "--data", "{\"text\": \"hi\"}");

        assertThat(list.out()).contains("text.shout").contains("monolithic").contains("Upper-case the text");
        assertThat(show.out()).contains("Upper-case this: {{text}}").contains("\"required\"");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Json.MAPPER.readTree(run.out()).path("text").isString()).isTrue();
    }

    @Test
    void ops_validate_reports_file_line_operation_and_field_and_exits_2() throws Exception {
        CliHarness cli = new CliHarness(tmp);
        assertThat(cli.run("init").exit()).isZero();
        Files.createDirectories(cli.workDir().resolve(".baton/operations"));
        Files.writeString(cli.workDir().resolve(".baton/operations/bad.yaml"), """
                feature: bad
                operations:
                  one:
                    profile: no-such-profile
                    prompt: "{{input}}"
                    input_schema: {type: object}
                    response_schema: {type: object}
                  two:
                    mode: agentic
                    ensemble: no-such-ensemble
                    prompt: "{{input}}"
                    input_schema: {type: object}
                    respons_schema: {type: object}
                """);

        var text = cli.run("ops", "validate");
        var json = cli.run("ops", "validate", "-o", "json");
        var list = cli.run("ops", "list", "-o", "json");

        assertThat(text.exit()).isEqualTo(2);
        assertThat(text.out()).contains(".baton/operations/bad.yaml:13: operation 'bad.two': respons_schema: unknown key (did you mean 'response_schema'?)")
                .contains(".baton/operations/bad.yaml:3: operation 'bad.one': profile: no profile 'no-such-profile'");
        JsonNode doc = Json.MAPPER.readTree(json.out());
        assertThat(json.exit()).isEqualTo(2);
        assertThat(doc.path("valid").asBoolean()).isFalse();
        assertThat(doc.path("problems").size()).isGreaterThanOrEqualTo(3);
        assertThat(doc.path("problems").get(0).path("file").asString()).isEqualTo(".baton/operations/bad.yaml");
        assertThat(ids(list.out())).containsExactly("bad.one");
        assertThat(list.err()).contains("see: baton ops validate");
    }

    @Test
    void a_bad_input_names_the_field_and_an_unknown_operation_lists_the_known_ones_both_exiting_2() {
        CliHarness cli = projectWithLibraryOperations();

        var missing = cli.run("ops", "run", "code.summarize", "--data", "{\"language\": \"java\"}");
        var wrongType = cli.run("ops", "run", "code.summarize", "--data", "{\"code\": \"x\", \"max_sentences\": \"two\"}", "-o", "json");
        var notJson = cli.run("ops", "run", "code.summarize", "--data", "{code:");
        var unknown = cli.run("ops", "run", "code.explain", "-o", "json");
        var noFeature = cli.run("ops", "show", "sql.explain");

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("input field 'code' is required");
        assertThat(wrongType.exit()).isEqualTo(2);
        JsonNode error = Json.MAPPER.readTree(wrongType.out()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("VALIDATION");
        assertThat(error.path("message").asString()).contains("input field 'max_sentences'");
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).contains("--data: not valid JSON");
        assertThat(unknown.exit()).isEqualTo(2);
        JsonNode unknownError = Json.MAPPER.readTree(unknown.out()).path("error");
        assertThat(unknownError.path("code").asString()).isEqualTo("UNKNOWN_OPERATION");
        assertThat(unknownError.path("message").asString()).contains("code.review, code.summarize");
        assertThat(noFeature.exit()).isEqualTo(2);
        assertThat(noFeature.err()).contains("no feature 'sql'").contains("features: code, docs");
    }
}
