package dev.baton.bench;

import dev.baton.mcp.server.McpHttpServer;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Baton's MCP server under concurrent clients: {@code --sessions} MCP clients (100 by default),
 * each its own Streamable HTTP session, call {@code invoke} at once on a five-agent ensemble
 * (three parallel agents, then two in sequence: a critical path of three calls) whose scripted
 * model answers after {@code --latency-ms} (50). The clients are the MCP SDK's own.
 * <p>
 * With {@code --server in-process} (the default) server and clients share this JVM. With
 * {@code --server process} the server runs alone in a child JVM ({@link McpBenchServer}) and its
 * CPU is its own; {@code --servers label=classpath,...} starts one such server per classpath (the
 * base build's jar first, then this one, say) and alternates the rounds between them, so builds are
 * compared in one run under the same load. {@code --server-jvm-args} passes options to the child
 * JVMs (space-separated, e.g. a JFR recording); {@code --server-jvm-args-for label=ARGS} (repeatable) adds
 * options for one of them only, e.g. the JVM settings {@code bin/baton serve} starts with, or
 * {@code -Dbaton.bench.mcp.floor=baton|sdk} for a floor that does none of Baton's work ({@link McpBenchServer}).
 * {@code --client raw} replaces the MCP SDK's clients
 * (an HTTP client and its selector thread per session) by {@link SocketMcpClient}s (one kept-alive
 * connection per session, HTTP and the event stream read on the socket), the lightest load
 * generator; {@code --client jdk} by {@link RawMcpClient}s sharing one JDK HTTP client.
 * <p>
 * With {@code --session open} (the default) each client opens its session ({@code initialize},
 * the {@code initialized} notification) before the go and the timed part is the {@code tools/call}
 * alone, as an MCP client such as Claude Code or Cursor opens one session and calls tools on it;
 * the round's server CPU is taken from just before the go to the last answer, and the sessions are
 * closed after it. With {@code --session fresh} each timed invoke is a new session (initialise,
 * notification, call, {@code DELETE}: four HTTP requests), all inside the timed part and the CPU.
 * <p>
 * Reports per server the single-call time (sequential calls after warm-up, timed as the session
 * mode says: on one open session, or each in a fresh one), then per concurrent round the median,
 * p95 and slowest end-to-end time, p95 against the single call, the server's CPU per invoke
 * (process CPU over the round; in-process it includes the clients), the clients' CPU per invoke
 * (this JVM's process CPU over the same window: the load generator's share of the two cores), the heap per in-flight call
 * (peak heap in use during the round, live data plus garbage, over its baseline, divided by the
 * sessions: an upper bound; in-process it includes the clients),
 * where the calls spent their time ({@link InvokeTimeline}: median and p95 of each phase) and, with
 * the server in its own JVM, when the calls reached its MCP servlet after the clients were let go.
 * <p>
 * {@code java -cp baton-bench/target/benchmarks.jar dev.baton.bench.McpServeHarness
 * [--sessions 100] [--latency-ms 50] [--single 20] [--rounds 5] [--warmup 30]
 * [--server in-process|process] [--servers label=classpath,...] [--server-jvm-args "..."]
 * [--server-jvm-args-for label="..."]... [--client sdk|raw|jdk]
 * [--session open|fresh]}
 * <p>
 * Prints figures; asserts nothing about time. Exits 1 if a call does not complete.
 */
public final class McpServeHarness {

    public static void main(String[] args) throws Exception {
        int sessions = 100, single = 20, rounds = 5, warmup = 30;
        long latency = 50;
        String mode = "in-process", servers = null, jvmArgs = "", clientKind = "sdk", sessionMode = "open";
        Map<String, String> jvmArgsFor = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--sessions" -> sessions = Integer.parseInt(v);
                case "--latency-ms" -> latency = Long.parseLong(v);
                case "--single" -> single = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--server" -> mode = v;
                case "--servers" -> servers = v;
                case "--server-jvm-args" -> jvmArgs = v;
                case "--server-jvm-args-for" -> {
                    int eq = v.indexOf('=');
                    if (eq < 1) throw new IllegalArgumentException("--server-jvm-args-for: label=ARGS, got " + v);
                    jvmArgsFor.put(v.substring(0, eq), v.substring(eq + 1));
                }
                case "--client" -> clientKind = v;
                case "--session" -> sessionMode = v;
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (known: --sessions, --latency-ms,"
                        + " --single, --rounds, --warmup, --server, --servers, --server-jvm-args, --server-jvm-args-for, --client, --session)");
            }
        }
        if (!clientKind.equals("sdk") && !clientKind.equals("raw") && !clientKind.equals("jdk")) {
            throw new IllegalArgumentException("--client: sdk, raw or jdk, got " + clientKind);
        }
        McpServeHarness.clientKind = clientKind;
        if (!sessionMode.equals("open") && !sessionMode.equals("fresh")) {
            throw new IllegalArgumentException("--session: open or fresh, got " + sessionMode);
        }
        freshSessions = sessionMode.equals("fresh");
        if (!mode.equals("in-process") && !mode.equals("process")) {
            throw new IllegalArgumentException("--server: in-process or process, got " + mode);
        }
        Map<String, String> classpaths = new LinkedHashMap<>();
        if (servers != null) {
            for (String s : servers.split(",")) {
                int eq = s.indexOf('=');
                if (eq < 1) throw new IllegalArgumentException("--servers: label=classpath, got " + s);
                classpaths.put(s.substring(0, eq), s.substring(eq + 1));
            }
        } else if (mode.equals("process")) {
            classpaths.put("server", System.getProperty("java.class.path"));
        }
        for (String label : jvmArgsFor.keySet()) {
            if (!classpaths.containsKey(label)) {
                throw new IllegalArgumentException("--server-jvm-args-for " + label + ": no such server (servers: " + classpaths.keySet() + ")");
            }
        }
        System.out.printf("%d cores; %d sessions; 5-agent ensemble (3 parallel -> 1 -> 1), scripted model %d ms per call,"
                        + " critical path %d ms; server %s; clients: %s; sessions: %s; load average %.2f%n",
                Runtime.getRuntime().availableProcessors(),
                sessions, latency, 3 * latency, classpaths.isEmpty() ? "in this JVM (clients included in CPU and heap)"
                        : "in its own JVM " + classpaths.keySet(), switch (clientKind) {
                    case "raw" -> "raw (a socket per session)";
                    case "jdk" -> "raw on one shared JDK HttpClient";
                    default -> "MCP SDK";
                },
                freshSessions ? "fresh (each timed invoke opens and closes its own session)"
                        : "open (initialised before the go; the tools/call alone is timed)",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<ServerUnderTest> targets = new ArrayList<>();
        int failures = 0;
        try {
            if (classpaths.isEmpty()) targets.add(ServerUnderTest.InProcess.start(latency));
            for (var e : classpaths.entrySet()) targets.add(ServerUnderTest.ChildServer.start(e.getKey(), e.getValue(), latency,
                    jvmArgs + " " + jvmArgsFor.getOrDefault(e.getKey(), "")));
            Map<ServerUnderTest, Double> singles = new LinkedHashMap<>();
            for (ServerUnderTest t : targets) {
                // both paths warm, whichever the rounds time
                for (int i = 0; i < warmup / 2; i++) freshCall(t.url());
                try (Session open = opened(t.url())) {
                    for (int i = 0; i < warmup - warmup / 2; i++) open.call();
                }
            }
            for (ServerUnderTest t : targets) {
                List<InvokeTimeline> calls = singleCalls(t.url(), single);
                double one = Stats.median(calls.stream().map(InvokeTimeline::totalMs).toList());
                singles.put(t, one);
                System.out.printf("[%s] single call (median of %d, %s): %.1f ms; phases %s%n", t.label(), single,
                        freshSessions ? "each in a new session" : "on one open session", one, phases(calls, false));
            }
            System.out.println("server  round   completed   median ms   p95 ms   max ms   p95/single   server CPU/invoke   clients' CPU/invoke"
                    + "   heap/in-flight   load"
                    + "   phases, median/p95 ms (" + PHASES + ")");
            for (int r = 1; r <= rounds; r++) {
                for (ServerUnderTest t : targets) {
                    Round round = freshSessions ? freshRound(t, sessions) : openRound(t, sessions);
                    List<InvokeTimeline> calls = round.calls();
                    ServerUnderTest.ServerRound s = round.server();
                    failures += sessions - calls.size();
                    List<Double> times = calls.stream().map(InvokeTimeline::totalMs).sorted().toList();
                    double p95 = percentile(times, 0.95);
                    System.out.printf("%-7s %5d   %5d/%-5d   %9.1f   %6.1f   %6.1f   %9.2fx   %14.2f ms   %16.2f ms   %11.1f KB   %4.1f   %s%n",
                            t.label(), r, times.size(), sessions, Stats.median(times), p95,
                            times.isEmpty() ? Double.NaN : times.getLast(), p95 / singles.get(t), s.cpuNanos() / 1e6 / sessions,
                            round.clientCpuNanos() / 1e6 / sessions,
                            (s.heapPeak() - s.heapBase()) / 1024.0 / sessions,
                            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), phases(calls, true)
                                    + arrivals(s.arrivals())
                                    + (s.allocatedBytes() < 0 ? "" : String.format("; server allocated %.0f KB per invoke",
                                    s.allocatedBytes() / 1024.0 / sessions)));
                }
            }
        } finally {
            for (ServerUnderTest t : targets) t.close();
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static final String PHASES = "before first agent, reviewers' wave, gaps, synthesizer, editor, after editor; slowest agent";

    private static String phases(List<InvokeTimeline> calls, boolean withP95) {
        List<Function<InvokeTimeline, Double>> parts = List.of(InvokeTimeline::beforeMs, InvokeTimeline::waveMs,
                InvokeTimeline::gapsMs, InvokeTimeline::synthMs, InvokeTimeline::editorMs, InvokeTimeline::afterMs,
                InvokeTimeline::agentMaxMs);
        StringBuilder b = new StringBuilder();
        for (Function<InvokeTimeline, Double> part : parts) {
            List<Double> v = calls.stream().map(part).sorted().toList();
            if (!b.isEmpty()) b.append(part == parts.getLast() ? "; " : ", ");
            b.append(String.format("%.0f", Stats.median(v)));
            if (withP95) b.append('/').append(String.format("%.0f", percentile(v, 0.95)));
        }
        return b.toString();
    }

    /** When the calls reached the server's MCP servlet, after the clients were let go: first, median, last (ms). */
    private static String arrivals(List<Instant> at) {
        if (at.isEmpty()) return "";
        List<Double> ms = at.stream().map(i -> Duration.between(go, i).toNanos() / 1e6).sorted().toList();
        return String.format("; calls reached the server %.0f/%.0f/%.0f ms after the go (first/median/last)",
                ms.getFirst(), Stats.median(ms), ms.getLast());
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    /** One session: initialise, call invoke, close; the call's timeline (all of it timed). */
    private static InvokeTimeline freshCall(String url) throws Exception {
        try (Session client = session(url)) {
            client.initialize();
            return client.call();
        }
    }

    /** A session already initialised. */
    private static Session opened(String url) throws Exception {
        Session client = session(url);
        try {
            client.initialize();
            return client;
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** {@code n} sequential calls, timed as the session mode says. */
    private static List<InvokeTimeline> singleCalls(String url, int n) throws Exception {
        List<InvokeTimeline> calls = new ArrayList<>();
        if (freshSessions) {
            for (int i = 0; i < n; i++) calls.add(freshCall(url));
            return calls;
        }
        try (Session open = opened(url)) {
            for (int i = 0; i < n; i++) calls.add(open.call());
        }
        return calls;
    }

    /**
     * A concurrent round: each completed call's timeline, sorted by time, the server's figures, and
     * the CPU this JVM (the clients; with the server in-process, the server too) used over the
     * same window.
     */
    private record Round(List<InvokeTimeline> calls, ServerUnderTest.ServerRound server, long clientCpuNanos) {
    }

    private static long ownCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** When the last round's clients were let go. */
    private static volatile Instant go;

    /**
     * {@code sessions} clients each open a session, initialise, wait for the go, call invoke and
     * close; the server's figures cover all of it.
     */
    private static Round freshRound(ServerUnderTest t, int sessions) throws Exception {
        CountDownLatch ready = new CountDownLatch(sessions);
        CountDownLatch go = new CountDownLatch(1);
        t.begin();
        long clientCpu = ownCpu();
        List<Future<InvokeTimeline>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < sessions; i++) {
                futures.add(threads.submit(() -> {
                    try (Session client = session(t.url())) {
                        client.initialize();
                        ready.countDown();
                        go.await();
                        return client.call();
                    } finally {
                        ready.countDown();
                    }
                }));
            }
            ready.await();
            McpServeHarness.go = Instant.now();
            go.countDown();
            List<InvokeTimeline> calls = collect(futures);
            ServerUnderTest.ServerRound server = t.end();
            return new Round(calls, server, ownCpu() - clientCpu);
        }
    }

    /**
     * {@code sessions} sessions are opened and initialised first; the server's figures start just
     * before the go and end with the last answer; the sessions close after that.
     */
    private static Round openRound(ServerUnderTest t, int sessions) throws Exception {
        List<Session> open = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Session>> opening = new ArrayList<>();
            for (int i = 0; i < sessions; i++) opening.add(threads.submit(() -> opened(t.url())));
            for (Future<Session> f : opening) open.add(f.get());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<InvokeTimeline>> futures = new ArrayList<>();
            for (Session client : open) {
                futures.add(threads.submit(() -> {
                    go.await();
                    return client.call();
                }));
            }
            t.begin();
            long clientCpu = ownCpu();
            McpServeHarness.go = Instant.now();
            go.countDown();
            List<InvokeTimeline> calls = collect(futures);
            ServerUnderTest.ServerRound server = t.end();
            return new Round(calls, server, ownCpu() - clientCpu);
        } finally {
            for (Session client : open) {
                try {
                    client.close();
                } catch (Exception e) {
                    System.err.println("closing a session failed: " + e);
                }
            }
        }
    }

    private static List<InvokeTimeline> collect(List<Future<InvokeTimeline>> futures) throws InterruptedException {
        List<InvokeTimeline> calls = new ArrayList<>();
        for (Future<InvokeTimeline> f : futures) {
            try {
                calls.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("a call failed: " + e.getCause());
            }
        }
        calls.sort(Comparator.comparingDouble(InvokeTimeline::totalMs));
        return calls;
    }

    /** Whether each timed invoke opens its own session ({@code --session fresh}). */
    private static boolean freshSessions;

    /** The clients: {@code raw} ({@link SocketMcpClient}), {@code jdk} ({@link RawMcpClient} on {@link #SHARED_HTTP}) or {@code sdk}. */
    private static String clientKind = "sdk";
    private static final java.net.http.HttpClient SHARED_HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** One MCP session of the load: initialise, call invoke once, close. */
    private interface Session extends AutoCloseable {
        void initialize() throws Exception;

        InvokeTimeline call() throws Exception;
    }

    private static Session session(String url) {
        if (clientKind.equals("raw")) return socketSession(url);
        if (clientKind.equals("jdk")) {
            RawMcpClient raw = new RawMcpClient(SHARED_HTTP, url);
            return rawSession(raw::initialize, raw::callTool, raw);
        }
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder(url).endpoint(McpHttpServer.PATH).build())
                .requestTimeout(Duration.ofSeconds(120)).build();
        return new Session() {
            @Override
            public void initialize() {
                client.initialize();
            }

            @Override
            public InvokeTimeline call() {
                Instant sent = Instant.now();
                McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("invoke",
                        Map.of("ensemble", McpBenchProject.ENSEMBLE, "input", "review this")));
                Instant received = Instant.now();
                if (Boolean.TRUE.equals(result.isError())) throw new IllegalStateException("invoke failed: " + result.content());
                return InvokeTimeline.of(result.structuredContent(), sent, received);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private static Session socketSession(String url) {
        SocketMcpClient raw = new SocketMcpClient(url);
        return rawSession(raw::initialize, raw::callTool, raw);
    }

    /** A step of a hand-written client. */
    private interface Step {
        void run() throws Exception;
    }

    /** A hand-written client's {@code tools/call}: the call's {@code result}. */
    private interface ToolCall {
        tools.jackson.databind.JsonNode call(String tool, String argumentsJson) throws Exception;
    }

    /** A session of one of the two hand-written clients (over a socket, over the JDK's client). */
    private static Session rawSession(Step initialize, ToolCall callTool, AutoCloseable client) {
        return new Session() {
            @Override
            public void initialize() throws Exception {
                initialize.run();
            }

            @Override
            public InvokeTimeline call() throws Exception {
                Instant sent = Instant.now();
                tools.jackson.databind.JsonNode result = callTool.call("invoke",
                        "{\"ensemble\":\"" + McpBenchProject.ENSEMBLE + "\",\"input\":\"review this\"}");
                Instant received = Instant.now();
                if (result.path("isError").asBoolean(false)) throw new IllegalStateException("invoke failed: " + result.get("content"));
                return InvokeTimeline.of(JSON.convertValue(result.get("structuredContent"), Map.class), sent, received);
            }

            @Override
            public void close() throws Exception {
                client.close();
            }
        };
    }

    private McpServeHarness() {
    }
}
