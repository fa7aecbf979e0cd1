package dev.baton.server.api;

import dev.baton.runs.RunRecord;
import dev.baton.runs.RunStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs kept in the store outlive the server that ran them: after a restart on the same store a
 * run's state, result, events (after a {@code Last-Event-ID}) and its {@code Idempotency-Key} are
 * still served; and a run whose replica stopped heartbeating is shown {@code abandoned}.
 */
class RunsInTheStoreTest {

    @TempDir
    Path dir;

    @Test
    void a_finished_run_its_result_events_and_idempotency_key_are_served_after_a_restart() throws Exception {
        String body = "{\"ensemble\":\"echo\",\"input\":\"hello\"}";
        String id;
        List<String> events;
        try (ApiFixture api = new ApiFixture(dir, RestApi.Options.defaults())) {
            HttpResponse<String> started = api.post("/api/v1/runs", body, "Idempotency-Key", "restart-1");
            id = api.read(started).path("run_id").asString();
            api.result(id);
            events = frames(api.get("/api/v1/runs/" + id + "/events").body());
        }

        try (ApiFixture api = new ApiFixture(dir, RestApi.Options.defaults())) {
            JsonNode state = api.read(api.get("/api/v1/runs/" + id));
            JsonNode result = api.result(id);
            List<String> after2 = frames(api.get("/api/v1/runs/" + id + "/events", "Last-Event-ID", "2").body());
            HttpResponse<String> replay = api.post("/api/v1/runs", body, "Idempotency-Key", "restart-1");
            JsonNode listed = api.read(api.get("/api/v1/runs?ensemble=echo")).path("runs");

            assertThat(state.path("status").asString()).isEqualTo("completed");
            assertThat(state.path("key_id").asString()).isEqualTo("k1");
            assertThat(state.path("deliverable").asString()).isEqualTo("shout");
            assertThat(state.path("totals").path("completed").asInt()).isEqualTo(2);
            assertThat(state.path("events").asLong()).isEqualTo(events.size());
            assertThat(state.path("artifact").path("execution").asString()).isNotEmpty();
            assertThat(result.path("agents").path("shout").path("output").asString()).isEqualTo("hello!");
            assertThat(after2).containsExactlyElementsOf(events.subList(2, events.size()));
            assertThat(events.getLast()).startsWith(events.size() + " run_completed");
            assertThat(api.read(replay).path("run_id").asString()).as("the key still names the run").isEqualTo(id);
            assertThat(listed).hasSize(1);
            assertThat(api.modelRequests()).as("nothing ran again").isEmpty();
        }
    }

    @Test
    void a_failed_run_is_recorded_with_its_first_failed_agents_error() throws Exception {
        try (ApiFixture api = new ApiFixture(dir, RestApi.Options.defaults())) {
            api.write(".baton/ensembles/broken.yaml", """
                    name: broken
                    agents:
                      - name: crash
                        script: echo boom >&2; exit 3
                    """);
            String id = api.startRun("broken", "x");
            api.result(id);

            JsonNode state = api.read(api.get("/api/v1/runs/" + id));

            assertThat(state.path("status").asString()).isEqualTo("failed");
            assertThat(state.path("error").asString()).startsWith("agent crash: ");
        }
    }

    @Test
    void a_run_whose_replica_stopped_heartbeating_is_shown_abandoned_and_its_stream_ends() throws Exception {
        try (ApiFixture api = new ApiFixture(dir, RestApi.Options.defaults())) {
            RunStore runs = api.baton.runStores().runs();
            runs.saveNow(new RunRecord("run-of-a-dead-replica", "echo", RunRecord.RUNNING, "k1", null, "gone-1", "x",
                    Instant.now().minusSeconds(60), null, null, null, null, null, null, 1));
            runs.heartbeat("gone-1", Instant.now().minusSeconds(60));

            ApiFixture.waitFor(() -> {
                try {
                    return api.read(api.get("/api/v1/runs/run-of-a-dead-replica")).path("status").asString()
                            .equals(RunRecord.ABANDONED);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Duration.ofSeconds(30));

            JsonNode state = api.read(api.get("/api/v1/runs/run-of-a-dead-replica"));
            assertThat(state.path("error").asString()).contains("gone-1");
            assertThat(state.path("finished_at").isNull()).isFalse();
            HttpResponse<String> stream = api.get("/api/v1/runs/run-of-a-dead-replica/events");
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(frames(stream.body())).isEmpty();
            HttpResponse<String> result = api.get("/api/v1/runs/run-of-a-dead-replica/result");
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(api.read(result).path("status").asString()).isEqualTo(RunRecord.ABANDONED);
            assertThat(api.read(api.get("/api/v1/runs?status=abandoned")).path("runs")).hasSize(1);
        }
    }

    /** Each SSE frame as "id type data". */
    private static List<String> frames(String sse) {
        return Arrays.stream(sse.split("\n\n")).filter(f -> f.startsWith("id: ")).map(f -> {
            String[] lines = f.split("\n");
            return lines[0].substring(4) + " " + lines[1].substring(7) + " " + lines[2].substring(6);
        }).toList();
    }
}
