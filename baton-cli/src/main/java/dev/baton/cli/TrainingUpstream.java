package dev.baton.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible server on loopback for {@link AotTraining}: it answers every chat call at
 * once with a short completion, so the training exercises the real provider path (HTTP client,
 * JSON request and response, pipeline, ensemble engine) without a network or a key. It also
 * writes the user-tier configuration and ensemble that point at it. Not a user command.
 */
final class TrainingUpstream implements AutoCloseable {

    static final String PROFILE = "aot-upstream";
    static final String ENSEMBLE = "aot-fan-in";
    /** Wide enough to train the concurrent paths (many connections, many agents at once). */
    static final int REVIEWERS = 24;

    private static final byte[] COMPLETION = """
            {"id":"chatcmpl-aot","object":"chat.completion","created":0,"model":"aot-model",\
            "choices":[{"index":0,"message":{"role":"assistant","content":"No defects found."},\
            "finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":4,"total_tokens":24}}"""
            .getBytes(StandardCharsets.UTF_8);

    private static final byte[] STREAM = """
            data: {"id":"chatcmpl-aot","object":"chat.completion.chunk","created":0,"model":"aot-model",            "choices":[{"index":0,"delta":{"role":"assistant","content":"No defects"},"finish_reason":null}]}

            data: {"id":"chatcmpl-aot","object":"chat.completion.chunk","created":0,"model":"aot-model",            "choices":[{"index":0,"delta":{"content":" found."},"finish_reason":"stop"}]}

            data: {"id":"chatcmpl-aot","object":"chat.completion.chunk","created":0,"model":"aot-model",            "choices":[],"usage":{"prompt_tokens":20,"completion_tokens":4,"total_tokens":24}}

            data: [DONE]

            """.getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    TrainingUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", TrainingUpstream::complete);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /**
     * Writes, in the user configuration folder, a provider and profile {@value #PROFILE} pointing
     * here and the ensemble {@value #ENSEMBLE}: {@value #REVIEWERS} parallel reviewers, a
     * synthesizer over all of them and an editor (the shape of a typical fan-in run).
     */
    void writeConfiguration(Path userConfigDir) throws IOException {
        Path ensembles = Files.createDirectories(userConfigDir.resolve("ensembles"));
        Files.writeString(userConfigDir.resolve("config.yaml"), """
                providers:
                  aot-upstream:
                    kind: openai
                    base_url: %s
                    api_key: sk-aot-training-not-a-secret
                profiles:
                  %s:
                    provider: aot-upstream
                    model: aot-model
                    context_window: 128000
                    prices: {input: 0.15, output: 0.60}
                """.formatted(baseUri(), PROFILE));
        StringBuilder y = new StringBuilder("name: " + ENSEMBLE + "\ndeliverable: editor\nagents:\n");
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < REVIEWERS; i++) {
            y.append("  - name: reviewer-").append(i).append("\n    model_profile: ").append(PROFILE)
                    .append("\n    system_prompt: You review part ").append(i).append(" of the change.\n");
            names.append(i == 0 ? "" : ", ").append("reviewer-").append(i);
        }
        y.append("  - name: synthesizer\n    model_profile: ").append(PROFILE)
                .append("\n    depends_on: [").append(names).append("]\n")
                .append("  - name: editor\n    model_profile: ").append(PROFILE)
                .append("\n    depends_on: [synthesizer]\n");
        Files.writeString(ensembles.resolve(ENSEMBLE + ".yaml"), y.toString());
    }

    /** A streamed answer when the request asks for one ({@code ask}), else one JSON completion. */
    private static void complete(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            boolean stream = request.replace(" ", "").contains("\"stream\":true");
            byte[] body = stream ? STREAM : COMPLETION;
            exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
