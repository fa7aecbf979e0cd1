package dev.baton.server.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static dev.baton.server.api.ApiFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/runs/{id}/events}: frames, reconnection with Last-Event-ID, keep-alives, and stopping. */
class RunEventStreamTest {

    @TempDir
    Path dir;

    private ApiFixture api;

    /** One SSE frame as a client sees it; comments have only {@code comment}. */
    record Frame(String id, String event, String data, String comment) {
    }

    /** An open event stream, read frame by frame. */
    final class Stream implements AutoCloseable {
        private final InputStream body;
        private final BufferedReader reader;
        final int status;

        Stream(String runId, String lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.server.url() + "/api/v1/runs/" + runId + "/events"))
                    .header("Authorization", "Bearer " + ApiFixture.KEY);
            if (lastEventId != null) b.header("Last-Event-ID", lastEventId);
            HttpResponse<InputStream> r = api.http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            body = r.body();
            reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        }

        /** The next frame or comment; null at the end of the stream. */
        Frame next() throws Exception {
            String id = null, event = null, data = null;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null || event != null || data != null) return new Frame(id, event, data, null);
                    continue;
                }
                if (line.startsWith(":")) {
                    if (id == null && event == null && data == null) return new Frame(null, null, null, line.substring(1).strip());
                    continue;
                }
                int colon = line.indexOf(':');
                String field = line.substring(0, colon);
                String value = line.substring(colon + 1).stripLeading();
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = data == null ? value : data + "\n" + value;
                    default -> { }
                }
            }
            return null;
        }

        /** Events (comments skipped) until one matches {@code last} (inclusive) or the stream ends. */
        List<Frame> eventsUntil(Predicate<Frame> last) throws Exception {
            List<Frame> out = new ArrayList<>();
            Frame f;
            while ((f = next()) != null) {
                if (f.comment() != null) continue;
                out.add(f);
                if (last.test(f)) break;
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        if (api != null) api.close();
    }

    private String gatedEnsemble(Path gate) throws Exception {
        api.write(".baton/ensembles/gated.yaml", """
                name: gated
                agents:
                  - {name: first, script: printf one}
                  - name: gate
                    depends_on: [first]
                    script: "while [ ! -f '%s' ]; do sleep 0.05; done; printf open"
                  - {name: after, script: printf after, depends_on: [gate]}
                  - {name: answer, model_profile: fast, depends_on: [after]}
                """.formatted(gate));
        return api.startRun("gated", "go");
    }

    private JsonNode data(Frame f) {
        return api.json.readTree(f.data());
    }

    @Test
    void a_client_that_disconnects_mid_run_and_reconnects_with_last_event_id_misses_no_event_and_sees_none_twice() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults());
        Path gate = dir.resolve("gate");
        String id = gatedEnsemble(gate);

        List<Frame> before;
        try (Stream first = new Stream(id, null)) {
            assertThat(first.status).isEqualTo(200);
            before = first.eventsUntil(f -> f.event().equals("agent_started") && data(f).path("agent").asString().equals("gate"));
        } // disconnected while the gate agent waits
        Files.writeString(gate, "open");
        waitFor(() -> {
            try {
                return api.read(api.get("/api/v1/runs/" + id)).path("status").asString().equals("completed");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(60));
        List<Frame> after;
        try (Stream second = new Stream(id, before.getLast().id())) {
            after = second.eventsUntil(f -> false);
        }
        List<Frame> all;
        try (Stream whole = new Stream(id, null)) {
            all = whole.eventsUntil(f -> false);
        }

        List<Frame> joined = new ArrayList<>(before);
        joined.addAll(after);
        assertThat(joined).isEqualTo(all);
        assertThat(all).extracting(Frame::id).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, all.size()).mapToObj(Long::toString).toList());
        assertThat(after).extracting(Frame::event).contains("agent_completed", "usage", "run_completed");
        assertThat(all.getFirst().event()).isEqualTo("run_started");
        assertThat(all.getLast().event()).isEqualTo("run_completed");
        assertThat(data(all.getLast()).path("status").asString()).isEqualTo("completed");
        assertThat(all).filteredOn(f -> f.event().equals("agent_completed")).extracting(f -> data(f).path("agent").asString())
                .containsExactly("first", "gate", "after", "answer");
        assertThat(all).allSatisfy(f -> assertThat(data(f).path("type").asString()).isEqualTo(f.event()));
    }

    @Test
    void an_idle_stream_gets_keep_alives_and_stopping_the_server_ends_it() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults().withKeepAlive(Duration.ofMillis(200)));
        Path gate = dir.resolve("gate");
        String id = gatedEnsemble(gate);

        try (Stream stream = new Stream(id, null)) {
            Frame f;
            boolean keptAlive = false;
            while (!keptAlive && (f = stream.next()) != null) keptAlive = "keep-alive".equals(f.comment());
            assertThat(keptAlive).isTrue();

            api.api.stopping();

            CompletableFuture<List<Frame>> rest = CompletableFuture.supplyAsync(() -> {
                try {
                    return stream.eventsUntil(x -> false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(rest.get(20, TimeUnit.SECONDS)).as("the stream ended").noneMatch(x -> x.event().equals("run_completed"));
        } finally {
            Files.writeString(gate, "open");
        }
    }

    @Test
    void a_server_stop_cancels_runs_still_running_and_records_them_as_cancelled() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults());
        String id = gatedEnsemble(dir.resolve("never"));
        waitFor(() -> {
            try {
                return api.read(api.get("/api/v1/runs/" + id)).path("events").asInt() >= 4;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Duration.ofSeconds(30));

        api.server.close();

        var recorded = api.baton.ensembles().artifacts().list("gated", 5);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst().result().runId()).isEqualTo(id);
        assertThat(recorded.getFirst().result().status().wire()).isEqualTo("cancelled");
    }

    @Test
    void tool_calls_of_an_agent_are_events_and_are_in_the_audit_log() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults());
        String id = api.startRun("reader", "read the readme");
        assertThat(api.result(id).path("agents").path("r").path("output").asString()).isEqualTo("read it");

        List<Frame> all;
        try (Stream stream = new Stream(id, null)) {
            all = stream.eventsUntil(f -> false);
        }

        assertThat(all).extracting(Frame::event).containsSubsequence("agent_started", "tool_call_started",
                "tool_call_finished", "agent_completed", "run_completed");
        Frame finished = all.stream().filter(f -> f.event().equals("tool_call_finished")).findFirst().orElseThrow();
        assertThat(data(finished).path("tool").asString()).isEqualTo("read_file");
        assertThat(data(finished).path("outcome").asString()).isEqualTo("ok");
        JsonNode audit = api.read(api.get("/api/v1/audit?run_id=" + id));
        assertThat(audit.path("entries").findValuesAsString("tool")).containsExactly("read_file");
    }

    @Test
    void a_bad_last_event_id_is_400_and_an_unknown_run_is_404() throws Exception {
        api = new ApiFixture(dir, RestApi.Options.defaults());
        String id = api.startRun("shell", "x");

        assertThat(api.get("/api/v1/runs/" + id + "/events", "Last-Event-ID", "abc").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/runs/nope/events").statusCode()).isEqualTo(404);
    }
}
