package dev.baton.provider.bedrock.internal;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The AWS SDK's synchronous HTTP client interface on the JDK's {@link HttpClient} (HTTP/1.1), the
 * client family of Baton's other adapters. The wait for an answer's head is bounded by a timeout,
 * as for the other adapters: the client's default, or the one set for the calling thread with
 * {@link #withTimeout}; past it the call fails with an {@link HttpTimeoutException}. Interrupting
 * the calling thread, or {@code abort()} on the prepared request, cancels the exchange and drops its
 * connection; the call fails with an {@link InterruptedIOException}, and an interruption (not an
 * abort) leaves the thread's interrupt status set.
 *
 * <p>Request headers are sent as the SDK made them, except those the JDK client sets itself
 * ({@code Host}, {@code Content-Length}, {@code Connection}, {@code Expect}, {@code Upgrade},
 * {@code Transfer-Encoding}): the JDK derives the same {@code Host} from the URI and the same
 * {@code Content-Length} from the body, so a SigV4 signature over them still verifies. Bodies are
 * sent with a known length and answers read whole, which suits Converse's bounded JSON answers;
 * not meant for streaming.
 */
public final class JdkSdkHttpClient implements SdkHttpClient {

    /** Headers the JDK client manages itself and refuses to take from the caller. */
    private static final Set<String> MANAGED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding");

    private final HttpClient client;
    private final Duration defaultTimeout;
    private final ThreadLocal<Duration> threadTimeout = new ThreadLocal<>();

    /** A client connecting within {@code connectTimeout}, each exchange bounded by {@code timeout} by default. */
    public JdkSdkHttpClient(Duration connectTimeout, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(atLeastOneMilli(connectTimeout))
                .build();
        this.defaultTimeout = atLeastOneMilli(timeout);
    }

    private static Duration atLeastOneMilli(Duration d) {
        return d.toMillis() < 1 ? Duration.ofMillis(1) : d;
    }

    /** Runs {@code call} with the exchanges it makes on this thread bounded by {@code timeout}. */
    public <T> T withTimeout(Duration timeout, Supplier<T> call) {
        Duration previous = threadTimeout.get();
        threadTimeout.set(atLeastOneMilli(timeout));
        try {
            return call.get();
        } finally {
            if (previous == null) threadTimeout.remove(); else threadTimeout.set(previous);
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        Duration timeout = threadTimeout.get();
        return new Exchange(request, timeout == null ? defaultTimeout : timeout);
    }

    @Override
    public String clientName() {
        return "JdkHttpClient";
    }

    /** Stops the client; exchanges still running fail. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    /**
     * One exchange, sent on the calling thread (the JDK client's blocking {@code send}, which runs
     * the exchange inline up to the first wait and cancels it, dropping the connection, when the
     * thread is interrupted). {@link #abort()} may come from any thread, before or during
     * {@link #call()}: it interrupts the sending thread.
     */
    private final class Exchange implements ExecutableHttpRequest {
        private final HttpExecuteRequest request;
        private final Duration timeout;
        private Thread sender;
        private boolean aborted;

        Exchange(HttpExecuteRequest request, Duration timeout) {
            this.request = request;
            this.timeout = timeout;
        }

        @Override
        public HttpExecuteResponse call() throws IOException {
            HttpRequest jdkRequest = toJdk(request.httpRequest(), request.contentStreamProvider(), timeout);
            HttpResponse<byte[]> response;
            synchronized (this) {
                if (aborted) throw new InterruptedIOException("request aborted");
                sender = Thread.currentThread();
            }
            try {
                response = client.send(jdkRequest, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                boolean byAbort = endSending();
                if (!byAbort) Thread.currentThread().interrupt();
                throw new InterruptedIOException(byAbort ? "request aborted" : "call interrupted");
            } catch (IOException | RuntimeException e) {
                if (endSending()) throw new InterruptedIOException("request aborted");
                throw e;
            }
            if (endSending()) throw new InterruptedIOException("request aborted");
            SdkHttpResponse head = SdkHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .build();
            return HttpExecuteResponse.builder()
                    .response(head)
                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(response.body())))
                    .build();
        }

        /**
         * Ends the sending; returns whether the exchange was aborted, and then clears the
         * interrupt {@link #abort()} sent (it may land after {@code send} returned).
         */
        private boolean endSending() {
            synchronized (this) {
                sender = null;
                if (!aborted) return false;
            }
            Thread.interrupted();
            return true;
        }

        @Override
        public void abort() {
            synchronized (this) {
                aborted = true;
                if (sender != null) sender.interrupt();
            }
        }
    }

    private static HttpRequest toJdk(SdkHttpRequest sdk, Optional<ContentStreamProvider> content, Duration timeout)
            throws IOException {
        HttpRequest.BodyPublisher body;
        if (content.isPresent()) {
            try (InputStream in = content.get().newStream()) {
                body = HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes());
            }
        } else {
            body = HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(sdk.getUri()).timeout(timeout).method(sdk.method().name(), body);
        sdk.forEachHeader((name, values) -> {
            if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) return;
            for (String v : values) b.header(name, v);
        });
        return b.build();
    }
}
