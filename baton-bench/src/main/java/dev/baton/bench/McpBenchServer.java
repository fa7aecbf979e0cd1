package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.mcp.server.BatonMcpServer;
import dev.baton.mcp.server.BatonTools;
import dev.baton.mcp.server.McpHttpOptions;
import dev.baton.mcp.server.McpHttpServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Baton's MCP server over Streamable HTTP on the bench project, alone in its JVM, for
 * {@link McpServeHarness} {@code --server process}: the clients run in the harness's JVM, so this
 * process's CPU is the server's own. It prints {@code @bench port <n>} once serving, then answers
 * lines on stdin: {@code begin} (collects garbage, notes the heap in use and the process CPU, starts
 * sampling the heap's peak; answers {@code @bench ok}), {@code end} (answers
 * {@code @bench round <cpu ns> <heap base bytes> <heap peak bytes> <tools/call arrivals, epoch µs, or -> <bytes allocated>}),
 * {@code quit}.
 * <p>
 * It uses only what the base build's jar has too, so the harness can run it on that build's
 * classes ({@code --server-classpath base.jar:this.jar}) for a side-by-side run.
 * <p>
 * Two floors a paired run measures Baton against ({@code McpServeHarness --servers baton=J,floor=J
 * --server-jvm-args-for floor=-Dbaton.bench.mcp.floor=baton}): with {@code -Dbaton.bench.mcp.floor=baton}
 * the server offers {@link McpFloorTool}'s {@code invoke} instead of Baton's tools (the same answers
 * and notifications with none of Baton's work, through Baton's MCP layer); with
 * {@code -Dbaton.bench.mcp.floor=sdk} the MCP SDK's own server ({@link SdkFloorServer}, no Baton code
 * and so no arrival times) on the same Jetty.
 * <p>
 * {@code java -cp benchmarks.jar dev.baton.bench.McpBenchServer [latency-ms]}
 */
public final class McpBenchServer {

    static final String PREFIX = "@bench ";

    public static void main(String[] args) throws Exception {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 50;
        Path dir = Files.createTempDirectory("baton-bench-mcp-server-");
        Path project = McpBenchProject.write(dir, latency);
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"),
                "OLLAMA_HOST", "127.0.0.1:1");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ArrivalLog arrivals = new ArrivalLog();
        try (Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
             Served server = serve(baton, latency, System.getProperty("baton.bench.mcp.floor", "none"), arrivals)) {
            System.out.println(PREFIX + "port " + server.port());
            System.out.flush();
            HeapMeter heap = new HeapMeter();
            HeapMeter.Sampler sampler = null;
            long base = 0, cpu = 0, allocated = 0;
            // carriers included: a virtual thread's allocations count on the platform thread that ran it
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            commands:
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.strip()) {
                    case "begin" -> {
                        base = heap.liveAfterGc();
                        cpu = os.getProcessCpuTime();
                        allocated = threads.getTotalThreadAllocatedBytes();
                        sampler = heap.samplePeak();
                        arrivals.clear();
                        System.out.println(PREFIX + "ok");
                    }
                    case "end" -> {
                        long used = os.getProcessCpuTime() - cpu;
                        long peak = sampler == null ? base : sampler.stop();
                        sampler = null;
                        long bytes = threads.getTotalThreadAllocatedBytes() - allocated;
                        System.out.println(PREFIX + "round " + used + " " + base + " " + peak + " " + arrivals.drain() + " " + bytes);
                    }
                    case "quit" -> {
                        break commands;
                    }
                    default -> System.out.println(PREFIX + "unknown command " + line.strip() + " (known: begin, end, quit)");
                }
                System.out.flush();
            }
        }
        // stdin closed or quit: nothing else (a lingering non-daemon thread) keeps this JVM up
        System.exit(0);
    }

    /**
     * Jetty as {@code McpHttpServer} sets it up (a virtual thread per request), with MCP mounted
     * through the public {@code McpHttpServer.mount} and, after Baton's filters, one that notes when
     * each {@code tools/call} arrived.
     */
    private static Served serve(Baton baton, long latency, String floor, ArrivalLog arrivals) throws Exception {
        org.eclipse.jetty.util.thread.QueuedThreadPool threads = new org.eclipse.jetty.util.thread.QueuedThreadPool();
        threads.setName("baton-mcp-http");
        threads.setVirtualThreadsExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server(threads);
        org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        org.eclipse.jetty.ee10.servlet.ServletContextHandler context = new org.eclipse.jetty.ee10.servlet.ServletContextHandler();
        context.setContextPath("/");
        AutoCloseable mounted = switch (floor) {
            case "sdk" -> SdkFloorServer.mount(context, latency);
            case "baton", "none" -> {
                BatonMcpServer mcp = BatonMcpServer.builder()
                        .extension(floor.equals("baton") ? McpFloorTool.extension(latency) : new BatonTools(baton)).build();
                McpHttpServer.Mounted m = McpHttpServer.mount(mcp, context, McpHttpOptions.defaults().withPort(0));
                org.eclipse.jetty.ee10.servlet.FilterHolder timing = new org.eclipse.jetty.ee10.servlet.FilterHolder(arrivals);
                timing.setAsyncSupported(true);
                context.addFilter(timing, McpHttpServer.PATH, java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
                yield m;
            }
            default -> throw new IllegalArgumentException("baton.bench.mcp.floor: sdk or baton, not " + floor);
        };
        jetty.setHandler(context);
        jetty.start();
        return new Served(jetty, connector, mounted);
    }

    private record Served(org.eclipse.jetty.server.Server jetty, org.eclipse.jetty.server.ServerConnector connector,
                          AutoCloseable mounted) implements AutoCloseable {
        int port() {
            return connector.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            try {
                mounted.close();
            } finally {
                jetty.stop();
            }
        }
    }

    /**
     * Notes the wall-clock time (epoch µs) at which each {@code tools/call} POST reached MCP's
     * servlet, after Baton's filters have read its body; {@link #drain()} gives them comma-separated.
     */
    static final class ArrivalLog implements jakarta.servlet.Filter {
        private final java.util.concurrent.ConcurrentLinkedQueue<Long> micros = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res, jakarta.servlet.FilterChain chain)
                throws java.io.IOException, jakarta.servlet.ServletException {
            java.time.Instant now = java.time.Instant.now();
            if ("POST".equals(((jakarta.servlet.http.HttpServletRequest) req).getMethod())) {
                // Baton's filter has replaced the body with a copy that can be read again
                byte[] body = req.getInputStream().readAllBytes();
                if (new String(body, StandardCharsets.UTF_8).contains("\"tools/call\"")) {
                    micros.add(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
                }
            }
            chain.doFilter(req, res);
        }

        void clear() {
            micros.clear();
        }

        String drain() {
            StringBuilder b = new StringBuilder();
            for (Long m; (m = micros.poll()) != null; ) b.append(b.isEmpty() ? "" : ",").append(m);
            return b.isEmpty() ? "-" : b.toString();
        }
    }

    private McpBenchServer() {
    }
}
