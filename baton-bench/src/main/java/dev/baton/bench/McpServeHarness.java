package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.mcp.server.BatonMcpServer;
import dev.baton.mcp.server.BatonTools;
import dev.baton.mcp.server.McpHttpOptions;
import dev.baton.mcp.server.McpHttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Baton's MCP server under concurrent clients: {@code --sessions} MCP clients (100 by default),
 * each its own Streamable HTTP session, call {@code invoke} at once on a five-agent ensemble
 * (three parallel agents, then two in sequence: a critical path of three calls) whose scripted
 * model answers after {@code --latency-ms} (50). Server and clients share this JVM, and the
 * clients are the MCP SDK's own. Reports the single-call time (sequential calls, each in a fresh
 * session, after warm-up), then per concurrent round the median, p95 and slowest end-to-end time
 * and p95 against the single call, and the heap per in-flight call (peak heap in use during the
 * round, live data plus garbage, over its baseline, divided by the sessions: an upper bound that
 * includes the clients).
 * <p>
 * {@code java -cp baton-bench/target/benchmarks.jar dev.baton.bench.McpServeHarness
 * [--sessions 100] [--latency-ms 50] [--single 20] [--rounds 5] [--warmup 30]}
 * <p>
 * Prints figures; asserts nothing about time. Exits 1 if a call does not complete.
 */
public final class McpServeHarness {

    private static final String ENSEMBLE = "five";

    public static void main(String[] args) throws Exception {
        int sessions = 100, single = 20, rounds = 5, warmup = 30;
        long latency = 50;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--sessions" -> sessions = v;
                case "--latency-ms" -> latency = v;
                case "--single" -> single = v;
                case "--rounds" -> rounds = v;
                case "--warmup" -> warmup = v;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (known: --sessions, --latency-ms, --single, --rounds, --warmup)");
            }
        }
        Path dir = Files.createTempDirectory("baton-bench-mcp-");
        Path project = writeProject(dir, latency);
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"),
                "OLLAMA_HOST", "127.0.0.1:1");
        try (Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
             McpHttpServer server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                     .serveHttp(McpHttpOptions.defaults().withPort(0))) {
            String url = "http://127.0.0.1:" + server.port();
            System.out.printf("%d cores; %d sessions; 5-agent ensemble (3 parallel -> 1 -> 1), scripted model %d ms per call,"
                    + " critical path %d ms%n", Runtime.getRuntime().availableProcessors(), sessions, latency, 3 * latency);
            for (int i = 0; i < warmup; i++) timedCall(url);
            List<Double> singles = new ArrayList<>();
            for (int i = 0; i < single; i++) singles.add(timedCall(url));
            double one = Stats.median(singles);
            System.out.printf("single call (median of %d, each in a new session): %.1f ms%n", single, one);
            System.out.println("round   completed   median ms   p95 ms   max ms   p95/single   heap per in-flight call");
            HeapMeter heap = new HeapMeter();
            int failures = 0;
            for (int r = 1; r <= rounds; r++) {
                long base = heap.liveAfterGc();
                HeapMeter.Sampler sampler = heap.samplePeak();
                List<Double> times = concurrentRound(url, sessions);
                long peak = sampler.stop();
                failures += sessions - times.size();
                Collections.sort(times);
                double p95 = times.isEmpty() ? Double.NaN : times.get(Math.min(times.size() - 1, (int) Math.ceil(0.95 * times.size()) - 1));
                System.out.printf("%5d   %5d/%-5d   %9.1f   %6.1f   %6.1f   %9.2fx   %8.1f KB%n", r, times.size(), sessions,
                        Stats.median(times), p95, times.isEmpty() ? Double.NaN : times.getLast(), p95 / one,
                        (peak - base) / 1024.0 / sessions);
            }
            System.exit(failures == 0 ? 0 : 1);
        }
    }

    /** One session: initialise, call invoke, close; the time of the call alone, in ms. */
    private static double timedCall(String url) {
        try (McpSyncClient client = client(url)) {
            client.initialize();
            long t0 = System.nanoTime();
            McpSchema.CallToolResult result = call(client);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (Boolean.TRUE.equals(result.isError())) throw new IllegalStateException("invoke failed: " + result.content());
            return ms;
        }
    }

    /** {@code sessions} clients initialise, then call invoke together; each call's time in ms (failed calls left out). */
    private static List<Double> concurrentRound(String url, int sessions) throws Exception {
        CountDownLatch ready = new CountDownLatch(sessions);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Double>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < sessions; i++) {
                futures.add(threads.submit(() -> {
                    try (McpSyncClient client = client(url)) {
                        client.initialize();
                        ready.countDown();
                        go.await();
                        long t0 = System.nanoTime();
                        McpSchema.CallToolResult result = call(client);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (Boolean.TRUE.equals(result.isError())) throw new IllegalStateException("invoke failed: " + result.content());
                        return ms;
                    } finally {
                        ready.countDown();
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Double> times = new ArrayList<>();
            for (Future<Double> f : futures) {
                try {
                    times.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    System.err.println("a call failed: " + e.getCause());
                }
            }
            return times;
        }
    }

    private static McpSchema.CallToolResult call(McpSyncClient client) {
        return client.callTool(new McpSchema.CallToolRequest("invoke", Map.of("ensemble", ENSEMBLE, "input", "review this")));
    }

    private static McpSyncClient client(String url) {
        return McpClient.sync(HttpClientStreamableHttpTransport.builder(url).endpoint(McpHttpServer.PATH).build())
                .requestTimeout(Duration.ofSeconds(120)).build();
    }

    private static Path writeProject(Path dir, long latencyMs) throws java.io.IOException {
        Path project = Files.createDirectories(dir.resolve("project"));
        Path baton = Files.createDirectories(project.resolve(".baton/ensembles"));
        Files.writeString(baton.resolveSibling("config.yaml"), """
                providers:
                  bench:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "."
                            reply: {text: "Looks fine; one nit.", latency_ms: %d}
                profiles:
                  bench: {provider: bench, model: bench-model}
                default_profile: bench
                """.formatted(latencyMs));
        Files.writeString(baton.resolve(ENSEMBLE + ".yaml"), """
                name: five
                deliverable: editor
                agents:
                  - {name: style, model_profile: bench, system_prompt: Review the style.}
                  - {name: tests, model_profile: bench, system_prompt: Review the tests.}
                  - {name: logic, model_profile: bench, system_prompt: Review the logic.}
                  - {name: synthesizer, model_profile: bench, system_prompt: Merge the reviews., depends_on: [style, tests, logic]}
                  - {name: editor, model_profile: bench, system_prompt: Edit the summary., depends_on: [synthesizer]}
                """);
        return project;
    }

    private McpServeHarness() {
    }
}
