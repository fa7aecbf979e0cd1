package dev.baton.server.api;

import dev.baton.pipeline.CallMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.baton.server.api.ApiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** The REST API's routes on a real server: ensembles, runs, idempotency, batches, cancel, listing. */
class RestApiTest {

    @TempDir
    Path dir;

    private ApiFixture api;

    @BeforeEach
    void open() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults());
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void ensembles_are_listed_created_read_updated_validated_and_deleted() throws Exception {
        String yaml = "name: made\nagents:\n  - name: one\n    script: printf one\n";

        HttpResponse<String> created = api.post("/api/v1/ensembles", api.json.writeValueAsString(
                java.util.Map.of("name", "made", "yaml", yaml)));
        HttpResponse<String> listed = api.get("/api/v1/ensembles");
        HttpResponse<String> read = api.get("/api/v1/ensembles/made");
        HttpResponse<String> updated = api.send("PUT", "/api/v1/ensembles/made",
                api.json.writeValueAsString(java.util.Map.of("yaml", yaml.replace("printf one", "printf uno"))));
        HttpResponse<String> invalid = api.send("PUT", "/api/v1/ensembles/made",
                api.json.writeValueAsString(java.util.Map.of("yaml", "name: made\nagents:\n  - name: x\n    depends_on: [ghost]\n    script: 'true'\n")));
        String afterInvalid = Files.readString(api.project.resolve(".baton/ensembles/made.yaml"));
        HttpResponse<String> validated = api.post("/api/v1/ensembles/made/validate", "");
        HttpResponse<String> deleted = api.send("DELETE", "/api/v1/ensembles/made", null);
        HttpResponse<String> gone = api.get("/api/v1/ensembles/made");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/v1/ensembles/made");
        assertThat(api.read(listed).path("ensembles").findValuesAsString("name")).contains("echo", "shell", "made");
        assertThat(api.read(read).path("agents").get(0).path("uses").asString()).isEqualTo("printf one");
        assertThat(api.read(read).path("file").asString()).isEqualTo(".baton/ensembles/made.yaml");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(api.read(updated).path("diff").asString()).contains("+    script: printf uno");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(api.read(invalid).path("error").path("code").asString()).isEqualTo("VALIDATION");
        assertThat(api.read(invalid).path("error").path("problems").toString()).contains("ghost");
        assertThat(afterInvalid).as("an invalid update replaces nothing")
                .contains("printf uno");
        assertThat(api.read(validated).path("valid").asBoolean()).isTrue();
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(api.read(gone).path("error").path("code").asString()).isEqualTo("NOT_FOUND");
    }

    @Test
    void bad_bodies_are_400_naming_the_field() throws Exception {
        HttpResponse<String> missing = api.post("/api/v1/runs", "{}");
        HttpResponse<String> wrongType = api.post("/api/v1/runs", "{\"ensemble\":\"echo\",\"input\":42}");
        HttpResponse<String> unknown = api.post("/api/v1/runs", "{\"ensemble\":\"echo\",\"inptu\":\"x\"}");
        HttpResponse<String> notJson = api.post("/api/v1/runs", "{nope");
        HttpResponse<String> badLimit = api.get("/api/v1/runs?limit=0");
        HttpResponse<String> badCursor = api.get("/api/v1/runs?cursor=zzz");
        HttpResponse<String> wrongMethod = api.send("DELETE", "/api/v1/runs", null);

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("INVALID_REQUEST", "field 'ensemble' is required");
        assertThat(wrongType.body()).contains("field 'input' must be a string");
        assertThat(unknown.body()).contains("field 'inptu' is not known");
        assertThat(notJson.body()).contains("not JSON");
        assertThat(badLimit.body()).contains("'limit'");
        assertThat(badCursor.body()).contains("'cursor'");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow").orElse("")).contains("GET", "POST");
    }

    @Test
    void a_run_starts_in_the_background_and_its_result_carries_every_agent_and_its_calls_carry_the_key_id() throws Exception {
        HttpResponse<String> started = api.post("/api/v1/runs", "{\"ensemble\":\"echo\",\"input\":\"hello\"}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = api.read(started).path("run_id").asString();
        assertThat(started.headers().firstValue("Location")).contains("/api/v1/runs/" + id);
        JsonNode result = api.result(id);
        assertThat(result.path("status").asString()).isEqualTo("completed");
        assertThat(result.path("agents").path("shout").path("output").asString()).isEqualTo("hello!");
        assertThat(result.path("agents").path("answer").path("status").asString()).isEqualTo("completed");
        assertThat(result.path("artifact").path("execution").asString()).isNotEmpty();
        JsonNode state = api.read(api.get("/api/v1/runs/" + id));
        assertThat(state.path("status").asString()).isEqualTo("completed");
        assertThat(api.modelRequests()).isNotEmpty().allSatisfy(r ->
                assertThat(r.metadata()).containsEntry(CallMetadata.API_KEY, "k1").containsEntry(CallMetadata.RUN_ID, id));
        HttpResponse<String> artifact = api.get(result.path("artifact").path("href").asString());
        assertThat(api.read(artifact).path("run_id").asString()).isEqualTo(id);
    }

    @Test
    void an_idempotency_key_replays_the_same_run_and_refuses_another_body() throws Exception {
        String body = "{\"ensemble\":\"shell\",\"input\":\"once\"}";

        HttpResponse<String> first = api.post("/api/v1/runs", body, "Idempotency-Key", "abc-1");
        HttpResponse<String> replay = api.post("/api/v1/runs", "{ \"input\": \"once\", \"ensemble\": \"shell\" }",
                "Idempotency-Key", "abc-1");
        HttpResponse<String> conflict = api.post("/api/v1/runs", "{\"ensemble\":\"shell\",\"input\":\"twice\"}",
                "Idempotency-Key", "abc-1");
        HttpResponse<String> otherCaller = api.post("/api/v1/runs", "{\"ensemble\":\"shell\",\"input\":\"once\"}",
                "Authorization", "Bearer " + ApiFixture.NARROW_KEY, "Idempotency-Key", "abc-1");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(replay.statusCode()).isEqualTo(202);
        String id = api.read(first).path("run_id").asString();
        assertThat(api.read(replay).path("run_id").asString()).isEqualTo(id);
        assertThat(replay.headers().firstValue("Location")).contains("/api/v1/runs/" + id);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(api.read(conflict).path("error").path("code").asString()).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(otherCaller.statusCode()).as("keys are per caller").isEqualTo(202);
        assertThat(api.read(otherCaller).path("run_id").asString()).isNotEqualTo(id);
        api.result(id);
        assertThat(api.read(api.get("/api/v1/runs?ensemble=shell")).path("runs")).as("one run for k1").hasSize(1);
    }

    @Test
    void concurrent_requests_with_one_idempotency_key_start_one_run() throws Exception {
        String body = "{\"ensemble\":\"shell\",\"input\":\"together\"}";
        List<java.util.concurrent.Future<HttpResponse<String>>> sent = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) sent.add(pool.submit(() -> api.post("/api/v1/runs", body, "Idempotency-Key", "same")));
        }

        java.util.Set<String> ids = new java.util.HashSet<>();
        for (var f : sent) {
            assertThat(f.get().statusCode()).isEqualTo(202);
            ids.add(api.read(f.get()).path("run_id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(api.read(api.get("/api/v1/runs?ensemble=shell")).path("runs")).hasSize(1);
    }

    @Test
    void a_key_limited_to_other_profiles_may_not_run_an_ensemble_needing_one_it_lacks() throws Exception {
        HttpResponse<String> refused = api.post("/api/v1/runs", "{\"ensemble\":\"echo\"}",
                "Authorization", "Bearer " + ApiFixture.NARROW_KEY);
        HttpResponse<String> scriptsOnly = api.post("/api/v1/runs", "{\"ensemble\":\"shell\",\"input\":\"x\"}",
                "Authorization", "Bearer " + ApiFixture.NARROW_KEY);
        HttpResponse<String> profiles = api.get("/api/v1/profiles", "Authorization", "Bearer " + ApiFixture.NARROW_KEY);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("PERMISSION_DENIED", "fast");
        assertThat(scriptsOnly.statusCode()).isEqualTo(202);
        assertThat(api.read(profiles).path("profiles").findValuesAsString("name")).containsExactly("other");
    }

    @Test
    void a_batch_runs_every_input_and_each_becomes_a_run() throws Exception {
        HttpResponse<String> started = api.post("/api/v1/runs/batch",
                "{\"ensemble\":\"shell\",\"inputs\":[\"a\",\"b\",\"c\"],\"parallelism\":2}");

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        waitFor(() -> {
            try {
                return api.read(api.get(location)).path("status").asString().equals("finished");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(60));
        JsonNode batch = api.read(api.get(location));
        List<String> outputs = new ArrayList<>();
        for (JsonNode item : batch.path("runs")) {
            assertThat(item.path("status").asString()).isEqualTo("completed");
            outputs.add(api.result(item.path("run_id").asString()).path("agents").path("only").path("output").asString());
        }
        assertThat(outputs).containsExactly("a.", "b.", "c.");
    }

    @Test
    void cancelling_a_run_stops_its_agent_and_records_it_as_cancelled() throws Exception {
        Path pid = dir.resolve("sleeper.pid");
        api.write(".baton/ensembles/slow.yaml", """
                name: slow
                agents:
                  - name: sleeper
                    script: echo $$ > '%s'; exec sleep 300
                """.formatted(pid));
        String id = api.startRun("slow", "x");
        waitFor(() -> Files.exists(pid) && !read(pid).isBlank(), Duration.ofSeconds(30));
        long sleeper = Long.parseLong(read(pid).strip());
        assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive)).contains(true);

        HttpResponse<String> cancelled = api.post("/api/v1/runs/" + id + "/cancel", "");

        assertThat(cancelled.statusCode()).isEqualTo(202);
        JsonNode result = api.result(id);
        assertThat(result.path("status").asString()).isEqualTo("cancelled");
        assertThat(result.path("agents").path("sleeper").path("status").asString()).isEqualTo("cancelled");
        waitFor(() -> ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false) == false, Duration.ofSeconds(15));
        assertThat(api.read(api.get("/api/v1/artifacts?ensemble=slow")).path("runs").get(0).path("status").asString())
                .isEqualTo("cancelled");
    }

    @Test
    void runs_are_listed_newest_first_in_pages_with_an_opaque_cursor_and_filters() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(api.startRun("shell", "n" + i));
        for (String id : ids) api.result(id);
        api.startRun("echo", "other");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.read(api.get("/api/v1/runs?ensemble=shell&limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("runs").forEach(r -> seen.add(r.path("run_id").asString()));
            cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).containsExactlyElementsOf(ids.reversed());
        assertThat(pages).isEqualTo(3);
        assertThat(api.read(api.get("/api/v1/runs?status=completed&ensemble=shell")).path("runs")).hasSize(5);
        assertThat(api.read(api.get("/api/v1/runs?status=cancelled")).path("runs")).isEmpty();
        assertThat(api.read(api.get("/api/v1/runs", "Authorization", "Bearer " + ApiFixture.NARROW_KEY)).path("runs"))
                .as("another key sees none of them").isEmpty();
    }

    @Test
    void the_services_answer_profiles_providers_stats_budgets_and_audit() throws Exception {
        assertThat(api.read(api.get("/api/v1/profiles")).path("profiles").findValuesAsString("name")).contains("fast", "other");
        assertThat(api.read(api.get("/api/v1/providers")).path("providers").findValuesAsString("name")).contains("rec");
        assertThat(api.get("/api/v1/stats?since=1h&by=profile").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/stats?since=forever").statusCode()).isEqualTo(400);
        assertThat(api.read(api.get("/api/v1/budgets")).has("budgets")).isTrue();
        assertThat(api.read(api.get("/api/v1/audit?limit=5")).has("entries")).isTrue();
        assertThat(api.get("/api/v1/runs").statusCode()).isEqualTo(200);
        assertThat(api.send("GET", "/api/v1/runs", null, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
