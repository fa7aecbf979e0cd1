package dev.baton.cli;

import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;



import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real {@code baton serve} processes on one PostgreSQL store: a run started on replica A with
 * an {@code Idempotency-Key} is the run a replay on B gets; B reports its state, streams its
 * events live while A runs it and, on reconnect with {@code Last-Event-ID: N}, exactly the events
 * after N; a cancel on B stops the run on A and it is recorded cancelled; the same key with
 * another body on B is a conflict.
 */
class MultiReplicaRunsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int AGENTS = 8;

    @TempDir
    Path tmp;

    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private String secret;

    /** One SSE frame as read, and when (epoch ms) it arrived. */
    private record Frame(long id, String type, JsonNode data, long receivedMs) {
    }

    @Test
    void givenTwoReplicasOnOneStore_aRunStartedOnAIsReplayedStreamedCancelledAndGuardedOnB() throws Exception {
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        String storeUrl = db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
        Path project = project();
        try {
            List<String> keyOut = new CopyOnWriteArrayList<>();
            Process create = start(project, storeUrl, keyOut, "keys", "create", "--name", "team");
            assertThat(create.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(create.exitValue()).as(String.join("\n", keyOut)).isZero();
            secret = keyOut.stream().filter(l -> l.startsWith("bk_")).findFirst().orElseThrow();
            List<String> logA = new CopyOnWriteArrayList<>();
            List<String> logB = new CopyOnWriteArrayList<>();
            Process procA = start(project, storeUrl, logA, "serve", "--port", "0", "--no-mcp", "--no-worker");
            Process procB = start(project, storeUrl, logB, "serve", "--port", "0", "--no-mcp", "--no-worker");
            String a = awaitUrl(logA, procA);
            String b = awaitUrl(logB, procB);
            String body = "{\"ensemble\":\"slow\",\"input\":\"go\"}";

            // started on A, replayed on B with the same key: the same run
            HttpResponse<String> first = post(a + "/api/v1/runs", body, "once-1");
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            String id = JSON.readTree(first.body()).path("run_id").asString();
            HttpResponse<String> replay = post(b + "/api/v1/runs", "{ \"input\": \"go\", \"ensemble\": \"slow\" }", "once-1");
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
            assertThat(JSON.readTree(replay.body()).path("run_id").asString()).isEqualTo(id);

            // B knows the run and that A runs it
            JsonNode state = JSON.readTree(get(b + "/api/v1/runs/" + id).body());
            assertThat(state.path("status").asString()).isEqualTo("running");
            String replicaA = state.path("replica").asString();
            assertThat(replicaA).endsWith("-" + procA.pid());

            // live on B: the first events, then the connection drops
            long connectedMs = System.currentTimeMillis();
            List<Frame> live = readEvents(b + "/api/v1/runs/" + id + "/events", null, 4);
            assertThat(live).extracting(Frame::id).containsExactly(1L, 2L, 3L, 4L);
            assertThat(live.getFirst().type()).isEqualTo("run_started");

            // reconnect on B after event 2: exactly the events after it, streamed until the run ends
            long[] cancelSentMs = new long[1];
            Thread canceller = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1500);
                    cancelSentMs[0] = System.currentTimeMillis();
                    HttpResponse<String> cancel = send(HttpRequest.newBuilder(URI.create(b + "/api/v1/runs/" + id + "/cancel"))
                            .POST(HttpRequest.BodyPublishers.noBody()));
                    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(202);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // A streams the same events from memory meanwhile: the baseline for B's added delay
            java.util.concurrent.CompletableFuture<List<Frame>> onAliveA = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return readEvents(a + "/api/v1/runs/" + id + "/events", 2L, Integer.MAX_VALUE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Frame> rest = readEvents(b + "/api/v1/runs/" + id + "/events", 2L, Integer.MAX_VALUE);
            canceller.join();
            List<Frame> aliveA = onAliveA.get(60, TimeUnit.SECONDS);
            assertThat(rest.getFirst().id()).isEqualTo(3L);
            for (int i = 1; i < rest.size(); i++) assertThat(rest.get(i).id()).isEqualTo(rest.get(i - 1).id() + 1);
            Frame last = rest.getLast();
            assertThat(last.type()).isEqualTo("run_completed");
            assertThat(last.data().path("status").asString()).isEqualTo("cancelled");

            // the same log on A (from memory) as B read from the store
            List<Frame> onA = readEvents(a + "/api/v1/runs/" + id + "/events", null, Integer.MAX_VALUE);
            List<String> seenOnB = new ArrayList<>();
            live.subList(0, 2).forEach(f -> seenOnB.add(f.id() + " " + f.type() + " " + f.data()));
            rest.forEach(f -> seenOnB.add(f.id() + " " + f.type() + " " + f.data()));
            assertThat(seenOnB).containsExactlyElementsOf(onA.stream().map(f -> f.id() + " " + f.type() + " " + f.data()).toList());

            // recorded cancelled, on both replicas; the agents stopped short of the end
            JsonNode onB = JSON.readTree(get(b + "/api/v1/runs/" + id).body());
            assertThat(onB.path("status").asString()).isEqualTo("cancelled");
            assertThat(JSON.readTree(get(a + "/api/v1/runs/" + id).body()).path("status").asString()).isEqualTo("cancelled");
            assertThat(onB.path("totals").path("completed").asInt()).isLessThan(AGENTS);
            HttpResponse<String> result = get(b + "/api/v1/runs/" + id + "/result");
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(result.body()).path("status").asString()).isEqualTo("cancelled");
            JsonNode listed = JSON.readTree(get(b + "/api/v1/runs?status=cancelled").body()).path("runs");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).path("run_id").asString()).isEqualTo(id);

            // the same key with another body on B: refused
            HttpResponse<String> conflict = post(b + "/api/v1/runs", "{\"ensemble\":\"slow\",\"input\":\"other\"}", "once-1");
            assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
            assertThat(JSON.readTree(conflict.body()).path("error").path("code").asString()).isEqualTo("IDEMPOTENCY_CONFLICT");

            long cancelMs = last.receivedMs() - cancelSentMs[0];
            // live events only: those that happened while B's stream was open, not those it replayed on connecting
            List<Long> delays = new ArrayList<>();
            for (Frame f : live) delays.addAll(delay(f, connectedMs));
            for (Frame f : rest) delays.addAll(delay(f, cancelSentMs[0] - 1500));
            delays.sort(null);
            Map<Long, Long> atA = new java.util.HashMap<>();
            aliveA.forEach(f -> atA.put(f.id(), f.receivedMs()));
            List<Long> added = new ArrayList<>();
            for (Frame f : rest) if (atA.containsKey(f.id()) && !delay(f, cancelSentMs[0] - 1500).isEmpty()) {
                added.add(f.receivedMs() - atA.get(f.id()));
            }
            added.sort(null);
            System.out.printf("cross-replica SSE: %d live events, event time on A to arrival on B: median %d ms, max %d ms;"
                            + " arrival on B after arrival on A (same events, %d): median %d ms, max %d ms;"
                            + " cancel on B to run_completed on B: %d ms%n",
                    delays.size(), delays.get(delays.size() / 2), delays.getLast(), added.size(),
                    added.isEmpty() ? -1 : added.get(added.size() / 2), added.isEmpty() ? -1 : added.getLast(), cancelMs);
            assertThat(aliveA).extracting(Frame::id).containsExactlyElementsOf(rest.stream().map(Frame::id).toList());
            assertThat(cancelMs).as("a cancel on B reaches A and comes back as run_completed").isLessThan(30_000);
        } finally {
            for (Process p : started) p.destroyForcibly();
        }
    }

    private static List<Long> delay(Frame f, long streamOpenMs) {
        long at = Instant.parse(f.data().path("at").asString()).toEpochMilli();
        return at > streamOpenMs ? List.of(f.receivedMs() - at) : List.of();
    }

    private List<Frame> readEvents(String url, Long lastEventId, int max) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + secret)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(120)).GET();
        if (lastEventId != null) req.header("Last-Event-ID", Long.toString(lastEventId));
        HttpResponse<InputStream> res = client.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(res.statusCode()).isEqualTo(200);
        List<Frame> out = new ArrayList<>();
        try (InputStream in = res.body();
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            long id = -1;
            String type = null;
            for (String line; out.size() < max && (line = r.readLine()) != null; ) {
                if (line.startsWith("id: ")) id = Long.parseLong(line.substring(4));
                else if (line.startsWith("event: ")) type = line.substring(7);
                else if (line.startsWith("data: ")) {
                    out.add(new Frame(id, type, JSON.readTree(line.substring(6)), System.currentTimeMillis()));
                }
            }
        }
        return out;
    }

    private HttpResponse<String> post(String url, String body, String key) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder req) throws Exception {
        return client.send(req.header("Authorization", "Bearer " + secret).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Path project() throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve(".baton/ensembles"));
        Files.writeString(project.resolve(".baton/config.yaml"), """
                default_profile: slow
                providers:
                  upstream:
                    kind: scripted
                    options:
                      script:
                        fallback:
                          text: "A slow answer."
                          latency_ms: 600
                profiles:
                  slow: {provider: upstream, model: slow-1}
                """);
        StringBuilder ensemble = new StringBuilder("name: slow\nagents:\n");
        for (int i = 1; i <= AGENTS; i++) {
            ensemble.append("  - name: a").append(i).append("\n    model_profile: slow\n");
            if (i > 1) ensemble.append("    depends_on: [a").append(i - 1).append("]\n");
        }
        Files.writeString(project.resolve(".baton/ensembles/slow.yaml"), ensemble.toString());
        return project;
    }

    private Process start(Path project, String storeUrl, List<String> log, String... args) throws IOException {
        Process p = ServeProcesses.start(project, tmp.resolve("home"), Map.of("BATON_STORE_URL", storeUrl), log, args).process();
        started.add(p);
        return p;
    }

    private static String awaitUrl(List<String> log, Process p) throws InterruptedException {
        return ServeProcesses.awaitUrl(log, p, Duration.ofSeconds(120));
    }
}
