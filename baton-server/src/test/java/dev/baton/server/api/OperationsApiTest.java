package dev.baton.server.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/operations}: list, read and run operations over HTTP, with the error answers of bad ids, inputs and keys. */
class OperationsApiTest {

    static final String OPERATIONS = """
            feature: text
            operations:
              upper:
                description: Upper-case the text
                profile: fast
                prompt: "Upper-case {{text}}"
                input_schema: {type: object, required: [text], properties: {text: {type: string}}}
                response_schema: {type: object, required: [text], properties: {text: {type: string}}}
            """;

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void open() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults());
        api.write(".baton/operations/text.yaml", OPERATIONS);
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void an_operation_is_listed_read_and_run_with_its_result_and_metadata() throws Exception {
        JsonNode list = api.read(api.get("/api/v1/operations"));
        JsonNode one = api.read(api.get("/api/v1/operations/text.upper"));
        HttpResponse<String> run = api.post("/api/v1/operations/text.upper/run", "{\"input\": {\"text\": \"hi\"}}");

        assertThat(list.path("operations").get(0).path("id").asString()).isEqualTo("text.upper");
        assertThat(list.path("operations").get(0).path("file").asString()).isEqualTo(".baton/operations/text.yaml");
        assertThat(list.path("problems").isEmpty()).isTrue();
        assertThat(one.path("prompt").asString()).isEqualTo("Upper-case {{text}}");
        assertThat(one.path("input_schema").path("required").get(0).asString()).isEqualTo("text");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode body = api.read(run);
        assertThat(body.path("result").path("text").isString()).isTrue();
        assertThat(body.path("metadata").path("mode").asString()).isEqualTo("monolithic");
        assertThat(body.path("metadata").path("models").get(0).asString()).isEqualTo("scripted/m");
        assertThat(api.modelRequests()).anySatisfy(r -> assertThat(r.metadata()).containsEntry("api_key", "k1"));
    }

    @Test
    void bad_ids_inputs_bodies_and_keys_get_the_taxonomys_status_and_a_message_naming_what_is_wrong() throws Exception {
        HttpResponse<String> unknownFeature = api.get("/api/v1/operations/sql.explain");
        HttpResponse<String> unknownOperation = api.post("/api/v1/operations/text.lower/run", "{}");
        HttpResponse<String> badInput = api.post("/api/v1/operations/text.upper/run", "{\"input\": {\"text\": 5}}");
        HttpResponse<String> badBody = api.post("/api/v1/operations/text.upper/run", "{\"data\": {}}");
        HttpResponse<String> narrow = api.post("/api/v1/operations/text.upper/run", "{\"input\": {\"text\": \"hi\"}}",
                "Authorization", "Bearer " + ApiFixture.NARROW_KEY);

        assertThat(unknownFeature.statusCode()).isEqualTo(400);
        assertThat(api.read(unknownFeature).path("error").path("code").asString()).isEqualTo("UNKNOWN_FEATURE");
        assertThat(api.read(unknownFeature).path("error").path("message").asString()).contains("features: text");
        assertThat(unknownOperation.statusCode()).isEqualTo(400);
        assertThat(api.read(unknownOperation).path("error").path("message").asString()).contains("text.upper");
        assertThat(badInput.statusCode()).isEqualTo(400);
        assertThat(api.read(badInput).path("error").path("code").asString()).isEqualTo("VALIDATION");
        assertThat(api.read(badInput).path("error").path("message").asString()).contains("input field 'text'");
        assertThat(badBody.statusCode()).isEqualTo(400);
        assertThat(api.read(badBody).path("error").path("message").asString()).contains("field 'data'");
        assertThat(narrow.statusCode()).isEqualTo(403);
        assertThat(api.read(narrow).path("error").path("message").asString()).contains("fast");
    }
}
