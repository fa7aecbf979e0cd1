package dev.baton.bench;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.mcp.server.BatonMcpServer;
import dev.baton.mcp.server.BatonTools;
import dev.baton.mcp.server.McpHttpOptions;
import dev.baton.mcp.server.McpHttpServer;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An MCP server {@link McpServeHarness}'s rounds run against: in this JVM, or {@link McpBenchServer} in a child JVM. */
interface ServerUnderTest extends AutoCloseable {
    String label();

    String url();

    void begin() throws Exception;

    ServerRound end() throws Exception;

    @Override
    void close() throws Exception;

    /** A round's figures from the server's side; {@code allocatedBytes}: what the server allocated over the round, -1 when it does not say. */
    record ServerRound(long cpuNanos, long heapBase, long heapPeak, List<Instant> arrivals, long allocatedBytes) {
    }

    /** The server in this JVM: its CPU and heap figures include the clients'. */
    record InProcess(Baton baton, McpHttpServer server, HeapMeter heap, HeapMeter.Sampler[] sampler,
                     long[] mark) implements ServerUnderTest {

        static InProcess start(long latency) throws Exception {
            Path dir = Files.createTempDirectory("baton-bench-mcp-");
            Path project = McpBenchProject.write(dir, latency);
            Map<String, String> env = Map.of("HOME", dir.resolve("home").toString(), "PATH", System.getenv("PATH"),
                    "OLLAMA_HOST", "127.0.0.1:1");
            Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
            McpHttpServer server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                    .serveHttp(McpHttpOptions.defaults().withPort(0));
            return new InProcess(baton, server, new HeapMeter(), new HeapMeter.Sampler[1], new long[2]);
        }

        @Override
        public String label() {
            return "in-jvm";
        }

        @Override
        public String url() {
            return "http://127.0.0.1:" + server.port();
        }

        @Override
        public void begin() {
            mark[0] = heap.liveAfterGc();
            mark[1] = cpu();
            sampler[0] = heap.samplePeak();
        }

        @Override
        public ServerRound end() throws InterruptedException {
            long used = cpu() - mark[1];
            return new ServerRound(used, mark[0], sampler[0].stop(), List.of(), -1);
        }

        private static long cpu() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        @Override
        public void close() throws Exception {
            try (baton) {
                server.close();
            }
        }
    }

    /** {@link McpBenchServer} in a child JVM on {@code classpath}; its stderr goes to a file. */
    record ChildServer(String label, Process process, java.io.BufferedReader out, java.io.PrintWriter in,
                       int port) implements ServerUnderTest {

        static ChildServer start(String label, String classpath, long latency, String jvmArgs) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String a : jvmArgs.split(" ")) if (!a.isBlank()) command.add(a);
            command.addAll(List.of("-cp", classpath, McpBenchServer.class.getName(), Long.toString(latency)));
            Path log = Files.createTempFile("baton-bench-mcp-" + label + "-", ".log");
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            var in = new java.io.PrintWriter(p.getOutputStream(), true, java.nio.charset.StandardCharsets.UTF_8);
            String port = reply(out, "port", label, log);
            System.out.printf("[%s] server pid %d on port %s (stderr: %s)%n", label, p.pid(), port, log);
            return new ChildServer(label, p, out, in, Integer.parseInt(port.strip()));
        }

        private static String reply(java.io.BufferedReader out, String what, String label, Path log) throws java.io.IOException {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith(McpBenchServer.PREFIX + what)) return line.substring((McpBenchServer.PREFIX + what).length());
            }
            throw new IllegalStateException("server " + label + " ended before answering '" + what + "'"
                    + (log == null ? "" : "; see " + log));
        }

        @Override
        public String url() {
            return "http://127.0.0.1:" + port;
        }

        @Override
        public void begin() throws java.io.IOException {
            in.println("begin");
            reply(out, "ok", label, null);
        }

        @Override
        public ServerRound end() throws java.io.IOException {
            in.println("end");
            String[] f = reply(out, "round", label, null).strip().split(" ");
            List<Instant> arrivals = new ArrayList<>();
            if (f.length > 3 && !f[3].equals("-")) {
                for (String m : f[3].split(",")) {
                    long us = Long.parseLong(m);
                    arrivals.add(Instant.ofEpochSecond(us / 1_000_000, (us % 1_000_000) * 1_000));
                }
            }
            // a base build's server may not report its allocations
            long allocated = f.length > 4 ? Long.parseLong(f[4]) : -1;
            return new ServerRound(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), arrivals, allocated);
        }

        @Override
        public void close() throws Exception {
            in.println("quit");
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroy();
        }
    }
}
