package dev.baton.server.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/coordinate}: a thin face over the coordinator, the caller's key on every call. */
class CoordinateApiTest {

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void open() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults(), "coordinator:\n  profile: fast\n");
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void a_question_is_answered_with_the_response_and_every_call_carries_the_callers_key() throws Exception {
        HttpResponse<String> r = api.post("/api/v1/coordinate", "{\"query\":\"What is in the README?\",\"request_id\":\"api-1\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode json = api.read(r);
        assertThat(json.path("request_id").asString()).isEqualTo("api-1");
        assertThat(json.path("status").asString()).isIn("success", "partial_success");
        assertThat(api.modelRequests()).isNotEmpty().allSatisfy(c ->
                assertThat(c.metadata()).containsEntry("api_key", "k1").containsEntry("session", "api-1"));
    }

    @Test
    void bad_values_are_400_with_the_range_and_a_key_without_the_profiles_is_403() throws Exception {
        HttpResponse<String> cost = api.post("/api/v1/coordinate", "{\"query\":\"q\",\"max_cost\":20}");
        HttpResponse<String> missing = api.post("/api/v1/coordinate", "{}");
        HttpResponse<String> narrow = api.post("/api/v1/coordinate", "{\"query\":\"q\"}", "Authorization", "Bearer " + ApiFixture.NARROW_KEY);

        assertThat(cost.statusCode()).isEqualTo(400);
        assertThat(cost.body()).contains("0.10 and 10.00");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("query");
        assertThat(narrow.statusCode()).isEqualTo(403);
        assertThat(api.modelRequests()).isEmpty();
    }
}
