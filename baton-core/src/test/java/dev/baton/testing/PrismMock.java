package dev.baton.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A prism mock server generated from a provider's published OpenAPI spec, started on a free
 * loopback port with {@code --errors}, so a request that does not validate is answered with an
 * error instead of a mock answer.
 */
public final class PrismMock implements AutoCloseable {

    public static final String VERSION = "5.14.2";

    private final Process process;
    private final int port;
    private final Path log;

    private PrismMock(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts prism on the spec {@code specFileName} ({@link Peers#spec}); skips when the spec is absent. */
    public static PrismMock start(String specFileName) throws IOException, InterruptedException {
        Path spec = Peers.spec(specFileName);
        Path pkg = Peers.install("@stoplight/prism-cli", VERSION);
        String node = Peers.which("node");
        Assumptions.assumeTrue(node != null, "node is not installed: skipping the prism interop test");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("prism-", ".log");
        Process p = new ProcessBuilder(node, pkg.resolve("dist/index.js").toString(), "mock", "--errors",
                "-h", "127.0.0.1", "-p", String.valueOf(port), spec.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrismMock mock = new PrismMock(p, port, log);
        mock.awaitReady(Duration.ofSeconds(120));
        return mock;
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) throw new IllegalStateException("prism exited: " + Files.readString(log));
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                if (Files.readString(log).contains("Prism is listening")) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prism did not start within " + timeout + ": " + Files.readString(log));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** What prism printed (its request validation messages included). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
