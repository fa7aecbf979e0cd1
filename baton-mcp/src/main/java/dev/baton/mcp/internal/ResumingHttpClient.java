package dev.baton.mcp.internal;

import dev.baton.mcp.internal.oauth.BearerRequests;
import org.jspecify.annotations.Nullable;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * An {@link HttpClient} for the MCP SDK's Streamable HTTP transport that resumes a POST's SSE
 * stream the server ends before the response ({@link ResumingSseSubscriber}). The SDK 2.2.0
 * skips the server's priming event but does not reconnect when such a stream ends, so a call to
 * a server that polls (closes the stream and delivers the answer on a later GET) would wait
 * until its time limit. With {@link BearerRequests}, every request carries the bearer token and
 * a 401 or 403 {@code insufficient_scope} is answered by authorizing and sending it again.
 * Everything else goes to the wrapped client unchanged.
 */
final class ResumingHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final @Nullable BearerRequests bearer;

    private ResumingHttpClient(HttpClient delegate, @Nullable BearerRequests bearer) {
        this.delegate = delegate;
        this.bearer = bearer;
    }

    /** A builder like {@link HttpClient#newBuilder()} (HTTP/1.1, as the SDK uses) whose clients resume SSE streams. */
    static HttpClient.Builder resumingBuilder() {
        return resumingBuilder(null);
    }

    /** {@link #resumingBuilder()} whose clients also authorize their requests through {@code bearer} when not null. */
    static HttpClient.Builder resumingBuilder(@Nullable BearerRequests bearer) {
        return new Builder(HttpClient.newBuilder().version(Version.HTTP_1_1), bearer);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        if (bearer == null) return delegate.sendAsync(request, resuming(request, handler));
        return bearer.send(request, handler, new BearerRequests.Sender() {
            @Override
            public <U> CompletableFuture<HttpResponse<U>> send(HttpRequest r, HttpResponse.BodyHandler<U> h) {
                return delegate.sendAsync(r, resuming(r, h));
            }
        });
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
        return delegate.sendAsync(request, resuming(request, handler), pushPromiseHandler);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        if (bearer == null) return delegate.send(request, resuming(request, handler));
        try {
            return sendAsync(request, handler).get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            if (cause instanceof IOException io) throw io;
            throw new IOException(cause.getMessage(), cause);
        }
    }

    private <T> HttpResponse.BodyHandler<T> resuming(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return info -> {
            HttpResponse.BodySubscriber<T> inner = handler.apply(info);
            return ResumingSseSubscriber.resumable(request, info) ? new ResumingSseSubscriber<>(inner, delegate, request) : inner;
        };
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public void shutdownNow() {
        delegate.shutdownNow();
    }

    @Override
    public boolean awaitTermination(Duration duration) throws InterruptedException {
        return delegate.awaitTermination(duration);
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Configures the wrapped client's builder; {@link #build()} wraps what it builds. */
    private record Builder(HttpClient.Builder b, @Nullable BearerRequests bearer) implements HttpClient.Builder {
        @Override
        public HttpClient.Builder cookieHandler(CookieHandler cookieHandler) {
            b.cookieHandler(cookieHandler);
            return this;
        }

        @Override
        public HttpClient.Builder connectTimeout(Duration duration) {
            b.connectTimeout(duration);
            return this;
        }

        @Override
        public HttpClient.Builder sslContext(SSLContext sslContext) {
            b.sslContext(sslContext);
            return this;
        }

        @Override
        public HttpClient.Builder sslParameters(SSLParameters sslParameters) {
            b.sslParameters(sslParameters);
            return this;
        }

        @Override
        public HttpClient.Builder executor(Executor executor) {
            b.executor(executor);
            return this;
        }

        @Override
        public HttpClient.Builder followRedirects(Redirect policy) {
            b.followRedirects(policy);
            return this;
        }

        @Override
        public HttpClient.Builder version(Version version) {
            b.version(version);
            return this;
        }

        @Override
        public HttpClient.Builder priority(int priority) {
            b.priority(priority);
            return this;
        }

        @Override
        public HttpClient.Builder proxy(ProxySelector proxySelector) {
            b.proxy(proxySelector);
            return this;
        }

        @Override
        public HttpClient.Builder authenticator(Authenticator authenticator) {
            b.authenticator(authenticator);
            return this;
        }

        @Override
        public HttpClient.Builder localAddress(InetAddress localAddr) {
            b.localAddress(localAddr);
            return this;
        }

        @Override
        public HttpClient build() {
            return new ResumingHttpClient(b.build(), bearer);
        }
    }
}
