package dev.baton.bench;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.StringRequestContent;

import dev.baton.error.ErrorContext;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.internal.HttpTransports;
import dev.baton.provider.internal.ProviderHttp;
import dev.baton.secret.Secret;
import tools.jackson.databind.ObjectMapper;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one small POST costs the caller's process with the JDK's {@code java.net.http} client (set
 * up as Baton's provider adapters set it up: HTTP/1.1, virtual-thread executor, blocking send) and
 * with Jetty's HTTP client, against the same instant upstream (Node, {@code openai-upstream.mjs}):
 * {@code --concurrency} virtual threads send back to back for {@code --seconds}, several rounds
 * alternating the two clients. Prints requests per second and process CPU microseconds per
 * request. Also Baton's own provider transport ({@code ProviderHttp}, as an adapter sends) on each
 * of its three clients: {@code baton-jetty}, {@code baton-jdk} and {@code baton-own} (Baton's own
 * HTTP/1.1 client).
 *
 * <pre>java -cp baton-bench/target/benchmarks.jar dev.baton.bench.HttpClientProbe [--concurrency 32] [--seconds 8] [--rounds 3]</pre>
 */
public final class HttpClientProbe {

    private static final String BODY = "{\"model\":\"bench-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Review this change in one sentence.\"}]}";

    private HttpClientProbe() {
    }

    interface Sender {
        int post() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int concurrency = 32;
        int seconds = 8;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (NodeOpenAiUpstream upstream = new NodeOpenAiUpstream(0)) {
            URI uri = URI.create(upstream.baseUri() + "/chat/completions");
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Thread::startVirtualThread).connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest jdkRequest = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer sk-bench")
                    .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            Sender viaJdk = () -> jdk.send(jdkRequest, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
            org.eclipse.jetty.client.HttpClient jetty = new org.eclipse.jetty.client.HttpClient();
            jetty.setMaxConnectionsPerDestination(Math.max(64, concurrency * 2));
            jetty.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            jetty.start();
            Sender viaJetty = () -> {
                ContentResponse r = jetty.POST(uri).timeout(30, java.util.concurrent.TimeUnit.SECONDS)
                        .headers(h -> h.put("Authorization", "Bearer sk-bench"))
                        .body(new StringRequestContent("application/json", BODY)).send();
                return r.getStatus();
            };
            ProviderHttp batonJetty = providerHttp(upstream.baseUri(), "jetty");
            ProviderHttp batonJdk = providerHttp(upstream.baseUri(), "jdk");
            Sender viaBatonJetty = () -> viaProviderHttp(batonJetty, uri);
            Sender viaBatonJdk = () -> viaProviderHttp(batonJdk, uri);
            ProviderHttp batonOwn = providerHttp(upstream.baseUri(), "baton");
            Sender viaBatonOwn = () -> viaProviderHttp(batonOwn, uri);
            System.out.printf(Locale.ROOT, "%d virtual threads sending back to back, %d s per measure, load average %s%n",
                    concurrency, seconds, java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
            measure("warm-up jdk", viaJdk, concurrency, 3);
            measure("warm-up jetty", viaJetty, concurrency, 3);
            measure("warm-up baton-jdk", viaBatonJdk, concurrency, 3);
            measure("warm-up baton-jetty", viaBatonJetty, concurrency, 3);
            measure("warm-up baton-own", viaBatonOwn, concurrency, 3);
            for (int r = 1; r <= rounds; r++) {
                measure("round " + r + " jdk        ", viaJdk, concurrency, seconds);
                measure("round " + r + " jetty      ", viaJetty, concurrency, seconds);
                measure("round " + r + " baton-jdk  ", viaBatonJdk, concurrency, seconds);
                measure("round " + r + " baton-jetty", viaBatonJetty, concurrency, seconds);
                measure("round " + r + " baton-own  ", viaBatonOwn, concurrency, seconds);
            }
            jetty.stop();
            batonJetty.close();
            batonJdk.close();
            batonOwn.close();
        }
    }

    private static ProviderHttp providerHttp(URI base, String client) {
        ProviderSettings settings = new ProviderSettings("bench", "openai", base, Secret.of("sk-bench"), Map.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Map.of(HttpTransports.OPTION, client));
        return new ProviderHttp(settings, new ObjectMapper());
    }

    private static final ErrorContext CONTEXT = ErrorContext.ofModel("bench", "bench-model");
    private static final byte[] BODY_BYTES = BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Map<String, String> AUTH = Map.of("Authorization", "Bearer sk-bench");

    private static int viaProviderHttp(ProviderHttp http, URI uri) {
        return http.send(http.post(uri, BODY_BYTES, AUTH, null, false), CONTEXT).status();
    }

    private static void measure(String label, Sender sender, int concurrency, int seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long until = t0 + seconds * 1_000_000_000L;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < until) {
                        try {
                            if (sender.post() == 200) done.incrementAndGet();
                            else failed.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                });
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf(Locale.ROOT, "%s %,9.0f req/s  %6.1f µs CPU per request  (%d ok, %d failed)%n", label,
                done.get() / (wall / 1e9), cpu / 1e3 / Math.max(1, done.get()), done.get(), failed.get());
    }
}
