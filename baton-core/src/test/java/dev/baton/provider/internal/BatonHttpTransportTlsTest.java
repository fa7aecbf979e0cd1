package dev.baton.provider.internal;

import dev.baton.provider.ProviderSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Baton's own HTTP client over TLS, against a loopback server whose certificate (made by the JDK's
 * keytool for this test) names {@code localhost} only: the name is sent as SNI and checked
 * against the certificate, so the same server reached as {@code 127.0.0.1} is refused.
 */
class BatonHttpTransportTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static SSLContext server;
    private static SSLContext client;

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(out).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("server", keys.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
    }

    @Test
    void given_a_host_name_the_certificate_names_then_calls_go_over_tls_with_sni_on_one_connection() throws Exception {
        try (TlsServer s = new TlsServer();
             BatonHttpTransport t = transport(URI.create("https://localhost:" + s.port() + "/v1"))) {
            for (int i = 0; i < 2; i++) {
                TransportResponse<byte[]> r = t.send(post(URI.create("https://localhost:" + s.port() + "/v1/chat")));
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            }

            assertThat(s.serverNames).containsExactly(List.of(new SNIHostName("localhost")));
        }
    }

    @Test
    void given_an_address_the_certificate_does_not_name_then_the_call_fails_on_host_name_verification() throws Exception {
        try (TlsServer s = new TlsServer();
             BatonHttpTransport t = transport(URI.create("https://127.0.0.1:" + s.port() + "/v1"))) {
            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> t.send(post(URI.create("https://127.0.0.1:" + s.port() + "/v1/chat"))));

            assertThat(e).isNotNull();
            assertThat(e.kind()).isEqualTo(TransportException.Kind.OTHER);
            assertThat(e).hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
        }
    }

    @Test
    void given_a_server_that_never_answers_over_tls_when_the_deadline_passes_then_the_call_is_a_timeout() throws Exception {
        try (TlsServer s = new TlsServer(true);
             BatonHttpTransport t = transport(URI.create("https://localhost:" + s.port() + "/v1"))) {
            TransportRequest r = new TransportRequest("POST", URI.create("https://localhost:" + s.port() + "/v1/chat"),
                    List.of(), "{}".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(1500));
            java.util.concurrent.CompletableFuture<Throwable> done = new java.util.concurrent.CompletableFuture<>();
            Thread.startVirtualThread(() -> {
                try {
                    t.send(r);
                    done.complete(null);
                } catch (Throwable e) {
                    done.complete(e);
                }
            });

            // the deadline's alarm closes the TCP socket under the TLS one, which ends the blocked read
            Throwable e = done.get(60, TimeUnit.SECONDS);
            assertThat(e).isInstanceOf(TransportException.class);
            assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.RESPONSE_TIMEOUT);
            assertThat(s.requests.get()).as("the request was sent and read").isEqualTo(1);
        }
    }

    private static BatonHttpTransport transport(URI base) {
        return new BatonHttpTransport(new ProviderSettings("t", "openai", base, null, Map.of(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Map.of()), client.getSocketFactory());
    }

    private static TransportRequest post(URI uri) {
        return new TransportRequest("POST", uri, List.of(new TransportRequest.Header("Content-Type", "application/json")),
                "{}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    }

    /**
     * A TLS server answering {@code ok} to every request on a connection, or ({@code silent})
     * reading each request and never answering; it records each connection's SNI.
     */
    private static final class TlsServer implements AutoCloseable {
        final ConcurrentLinkedQueue<List<SNIServerName>> serverNames = new ConcurrentLinkedQueue<>();
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        private final SSLServerSocket socket;
        private final boolean silent;

        TlsServer() throws IOException {
            this(false);
        }

        TlsServer(boolean silent) throws IOException {
            this.silent = silent;
            socket = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.startVirtualThread(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            try {
                while (true) {
                    SSLSocket s = (SSLSocket) socket.accept();
                    Thread.startVirtualThread(() -> serve(s));
                }
            } catch (IOException closed) {
                // the server was closed
            }
        }

        private void serve(SSLSocket s) {
            try (s) {
                s.startHandshake();
                serverNames.add(((ExtendedSSLSession) s.getSession()).getRequestedServerNames());
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) return;
                        head.append((char) b);
                    }
                    int at = head.indexOf("Content-Length: ");
                    if (at >= 0) in.readNBytes(Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at))));
                    requests.incrementAndGet();
                    if (silent) continue; // the next read waits until the client goes
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
            } catch (IOException e) {
                // the client went away, or refused the certificate
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
