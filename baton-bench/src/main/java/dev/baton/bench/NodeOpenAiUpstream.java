package dev.baton.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The OpenAI-compatible upstream of {@code baton-bench/src/main/node/openai-upstream.mjs}, run by
 * Node in its own process: one event loop answers a thousand concurrent calls with little CPU, so
 * a whole-process run measures Baton rather than the upstream (the JDK {@code HttpServer} of
 * {@link LoopbackOpenAiServer} shares the two cores and reads requests on one dispatcher thread).
 */
final class NodeOpenAiUpstream implements AutoCloseable {

    static final Path SCRIPT = Path.of("baton-bench/src/main/node/openai-upstream.mjs");

    private final Process node;
    private final int port;

    NodeOpenAiUpstream(long latencyMs) throws IOException {
        if (!Files.isRegularFile(SCRIPT)) {
            throw new IOException(SCRIPT + " not found: run the harness from the repository root");
        }
        node = new ProcessBuilder("node", SCRIPT.toString(), Long.toString(latencyMs))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) {
            node.destroyForcibly();
            throw new IOException("the Node upstream did not start (first line: " + line + ")");
        }
        port = Integer.parseInt(line.substring("listening ".length()).strip());
    }

    /** The base URL a profile points at ({@code http://127.0.0.1:port/v1}). */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port + "/v1");
    }

    @Override
    public void close() throws InterruptedException {
        node.destroy();
        if (!node.waitFor(5, TimeUnit.SECONDS)) node.destroyForcibly();
    }
}
