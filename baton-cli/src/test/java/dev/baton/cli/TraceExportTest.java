package dev.baton.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ask} and {@code invoke} export their spans over OTLP when an endpoint is set, and load no SDK otherwise. */
class TraceExportTest {

    private static final String SECRET = "sk-live-NEVER-SHOW-0123456789abcdef";

    @TempDir
    Path tmp;

    private HttpServer collector;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<String> paths = new ArrayList<>();

    @AfterEach
    void stop() {
        if (collector != null) collector.stop(0);
    }

    @Test
    void traces_are_requested_only_by_an_otlp_endpoint_and_not_when_disabled() {
        assertThat(TraceExport.requested(Map.of())).isFalse();
        assertThat(TraceExport.requested(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))).isTrue();
        assertThat(TraceExport.requested(Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:4318/v1/traces"))).isTrue();
        assertThat(TraceExport.requested(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://x", "OTEL_SDK_DISABLED", "true"))).isFalse();
        assertThat(TraceExport.requested(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://x", "OTEL_TRACES_EXPORTER", "none"))).isFalse();
    }

    @Test
    void ask_and_invoke_send_their_gen_ai_spans_to_the_otlp_endpoint_without_prompt_or_key() throws Exception {
        startCollector();
        Path work = tmp.resolve("work");
        Files.createDirectories(work.resolve(".baton/ensembles"));
        Files.writeString(work.resolve(".baton/config.yaml"), """
                providers:
                  canned:
                    kind: scripted
                    api_key: %s
                    options:
                      script:
                        fallback: {text: "a plain answer", usage: {input_tokens: 7, output_tokens: 2}}
                profiles:
                  fast: {provider: canned, model: m1}
                """.formatted(SECRET));
        Files.writeString(work.resolve(".baton/ensembles/pair.yaml"), """
                name: pair
                agents:
                  - {name: first, model_profile: fast}
                  - {name: second, model_profile: fast, depends_on: [first]}
                """);

        assertThat(run(work, "ask", "-p", "fast", "purple soup recipe")).isZero();
        assertThat(run(work, "invoke", "pair", "purple soup recipe", "-o", "json")).isZero();

        String exported = received.toString(StandardCharsets.ISO_8859_1);
        assertThat(paths).allMatch(p -> p.equals("/v1/traces"));
        assertThat(exported).contains("pipeline fast").contains("chat m1").contains("gen_ai.provider.name")
                .contains("gen_ai.usage.output_tokens").contains("ensemble pair").contains("invoke_agent first")
                .contains("invoke_agent second").contains("baton");
        assertThat(exported).doesNotContain("purple soup").doesNotContain(SECRET);
    }

    @Test
    void without_an_endpoint_ask_loads_no_opentelemetry_class_at_all() throws Exception {
        Path work = tmp.resolve("plain");
        Files.createDirectories(work.resolve(".baton"));
        Files.writeString(work.resolve(".baton/config.yaml"), """
                providers:
                  canned: {kind: scripted}
                profiles:
                  fast: {provider: canned, model: m1}
                """);
        Path loaded = tmp.resolve("classes.log");

        int exit = run(work, Map.of(), List.of("-Xlog:class+load=info:file=" + loaded), "ask", "-p", "fast", "hello");

        assertThat(exit).isZero();
        assertThat(Files.readAllLines(loaded)).as("classes loaded").isNotEmpty()
                .noneMatch(line -> line.contains("io.opentelemetry."));
    }

    private void startCollector() throws IOException {
        collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.writeBytes(body);
                paths.add(exchange.getRequestURI().getPath());
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
    }

    private int run(Path work, String... args) throws Exception {
        return run(work, Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort()),
                List.of(), args);
    }

    private int run(Path work, Map<String, String> env, List<String> jvmOptions, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("out.txt").toFile());
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().put("BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString());
        pb.environment().put("BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString());
        pb.environment().put("OLLAMA_HOST", "127.0.0.1:1");
        pb.environment().keySet().removeIf(k -> k.startsWith("OTEL_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("baton %s finished", args[0]).isTrue();
        if (p.exitValue() != 0) System.err.println(Files.readString(tmp.resolve("out.txt")));
        return p.exitValue();
    }
}
