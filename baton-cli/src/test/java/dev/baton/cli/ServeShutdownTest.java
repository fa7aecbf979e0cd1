package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import java.io.IOException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;



import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code baton serve} as a real process stopped by SIGTERM: a call in flight finishes within the
 * grace and is answered, the ledger has its row, the access log has its line, the process exits 0;
 * a call longer than the grace is cut off and the process still exits 0 soon after the grace.
 */
class ServeShutdownTest {


    @TempDir
    Path tmp;

    private Path project(String latencyMs, String grace) throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve(".baton"));
        Files.writeString(project.resolve(".baton/config.yaml"), """
                providers:
                  slow:
                    kind: scripted
                    options:
                      script:
                        fallback:
                          text: "Finished after all."
                          latency_ms: %s
                          usage: {input_tokens: 5, output_tokens: 3}
                profiles:
                  slow: {provider: slow, model: slow-1, timeout_seconds: 120}
                server:
                  shutdown_grace_seconds: %s
                """.formatted(latencyMs, grace));
        return project;
    }

    private final List<Thread> readers = new CopyOnWriteArrayList<>();

    /** Waits until everything {@code p} wrote has been read into its log. */
    private void drained() throws InterruptedException {
        for (Thread t : readers) t.join(10_000);
    }

    private Process start(Path project, List<String> log, String... args) throws IOException {
        ServeProcesses.Started s = ServeProcesses.start(project, tmp.resolve("home"), Map.of(), log, args);
        readers.add(s.reader());
        return s.process();
    }

    private static void sigterm(Process p) throws IOException, InterruptedException {
        ServeProcesses.sigterm(p);
    }

    private static String awaitUrl(List<String> log, Process p) throws InterruptedException {
        return ServeProcesses.awaitUrl(log, p, Duration.ofSeconds(90));
    }

    private static CompletableFuture<HttpResponse<String>> complete(String url) {
        return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"slow\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sigterm_lets_a_call_in_flight_finish_flushes_the_ledger_and_exits_0() throws Exception {
        Path project = project("2500", "30");
        List<String> log = new CopyOnWriteArrayList<>();
        Process serve = start(project, log, "serve", "--no-auth", "--port", "0", "--no-mcp");
        String url = awaitUrl(log, serve);

        CompletableFuture<HttpResponse<String>> inFlight = complete(url);
        Thread.sleep(800); // the call is under way: the scripted model answers after 2.5 s
        sigterm(serve);

        HttpResponse<String> answer = inFlight.get(60, TimeUnit.SECONDS);
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", log)).isTrue();
        drained();
        assertThat(serve.exitValue()).as(String.join("\n", log)).isZero();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("Finished after all.");
        assertThat(log).anyMatch(l -> l.contains("baton: stopping"));
        assertThat(log).anyMatch(l -> l.contains("\"route\":\"/v1/chat/completions\"") && l.contains("\"status\":200"));

        List<String> stats = new CopyOnWriteArrayList<>();
        Process s = start(project, stats, "stats", "-o", "json");
        assertThat(s.waitFor(60, TimeUnit.SECONDS)).isTrue();
        drained();
        assertThat(String.join("\n", stats)).as("the ledger has the call").containsPattern("\"calls\"\\s*:\\s*1\\b");
    }

    @Test
    void a_call_longer_than_the_grace_is_cut_off_and_the_process_still_exits_0() throws Exception {
        Path project = project("60000", "1");
        List<String> log = new CopyOnWriteArrayList<>();
        Process serve = start(project, log, "serve", "--no-auth", "--port", "0", "--no-mcp");
        String url = awaitUrl(log, serve);

        CompletableFuture<HttpResponse<String>> inFlight = complete(url);
        Thread.sleep(800);
        long signalled = System.nanoTime();
        sigterm(serve);

        assertThat(serve.waitFor(45, TimeUnit.SECONDS)).as(String.join("\n", log)).isTrue();
        drained();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - signalled)).as("well before the 60 s call").isLessThan(40);
        assertThat(serve.exitValue()).as(String.join("\n", log)).isZero();
        try {
            HttpResponse<String> cut = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(cut.body()).doesNotContain("Finished after all.");
        } catch (java.util.concurrent.ExecutionException closed) {
            // the connection was closed under the call: also cut off
        }
    }
}
