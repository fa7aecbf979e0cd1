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
 * {@code @bench round <cpu ns> <heap base bytes> <heap peak bytes>}), {@code quit}.
 * <p>
 * It uses only what the base build's jar has too, so the harness can run it on that build's
 * classes ({@code --server-classpath base.jar:this.jar}) for a side-by-side run.
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
        try (Baton baton = Baton.builder(BatonPaths.discover(project, env), env).build();
             McpHttpServer server = BatonMcpServer.builder().extension(new BatonTools(baton)).build()
                     .serveHttp(McpHttpOptions.defaults().withPort(0))) {
            System.out.println(PREFIX + "port " + server.port());
            System.out.flush();
            HeapMeter heap = new HeapMeter();
            HeapMeter.Sampler sampler = null;
            long base = 0, cpu = 0;
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            commands:
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.strip()) {
                    case "begin" -> {
                        base = heap.liveAfterGc();
                        cpu = os.getProcessCpuTime();
                        sampler = heap.samplePeak();
                        System.out.println(PREFIX + "ok");
                    }
                    case "end" -> {
                        long used = os.getProcessCpuTime() - cpu;
                        long peak = sampler == null ? base : sampler.stop();
                        sampler = null;
                        System.out.println(PREFIX + "round " + used + " " + base + " " + peak);
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

    private McpBenchServer() {
    }
}
