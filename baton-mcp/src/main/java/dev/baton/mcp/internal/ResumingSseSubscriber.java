package dev.baton.mcp.internal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of a POST answered with an SSE stream, resumed when the server ends it before the
 * JSON-RPC response (MCP 2025-11-25, "resumability and redelivery"): after the {@code retry} the
 * server gave, the same subscriber is fed a {@code GET} of the endpoint with
 * {@code Last-Event-ID}, so the SDK's subscriber sees one stream that goes on until the answer.
 * A server that ends a stream without an event id cannot be resumed, and the stream ends as it
 * did. Reconnections that bring no new event stop after {@link #MAX_IDLE_RESUMES}; the call's own
 * time limit bounds the rest.
 */
final class ResumingSseSubscriber<T> implements HttpResponse.BodySubscriber<T> {

    /** Reconnections in a row that bring no new event id before the stream is let end. */
    static final int MAX_IDLE_RESUMES = 3;
    /** The delay when the server gave no {@code retry}. */
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(1);
    /** Request headers not carried over to the GET (they describe the POST's body). */
    private static final Set<String> NOT_CARRIED = Set.of("content-type", "content-length", "accept", "last-event-id",
            "mcp-method", "mcp-name");

    private final HttpResponse.BodySubscriber<T> inner;
    private final HttpClient client;
    private final HttpRequest post;
    private final SseScanner scanner = new SseScanner();
    private final AtomicLong demand = new AtomicLong();
    private volatile Flow.Subscription upstream;
    private volatile boolean cancelled;
    private String idAtLastResume;
    private int idleResumes;

    ResumingSseSubscriber(HttpResponse.BodySubscriber<T> inner, HttpClient client, HttpRequest post) {
        this.inner = inner;
        this.client = client;
        this.post = post;
    }

    /** Whether {@code info} is an SSE stream answering a POST, the only kind resumed. */
    static boolean resumable(HttpRequest request, HttpResponse.ResponseInfo info) {
        return request.method().equals("POST") && info.statusCode() == 200 && info.headers().firstValue("content-type")
                .map(t -> t.toLowerCase(Locale.ROOT).contains("text/event-stream")).orElse(false);
    }

    @Override
    public CompletionStage<T> getBody() {
        return inner.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        inner.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                if (n <= 0) {
                    upstream.request(n);
                    return;
                }
                demand.accumulateAndGet(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                upstream.request(n);
            }

            @Override
            public void cancel() {
                cancelled = true;
                upstream.cancel();
            }
        });
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        demand.decrementAndGet();
        for (ByteBuffer b : items) scanner.scan(b);
        inner.onNext(items);
    }

    @Override
    public void onError(Throwable throwable) {
        inner.onError(throwable);
    }

    @Override
    public void onComplete() {
        String id = scanner.lastEventId();
        if (cancelled || scanner.answered() || id == null) {
            inner.onComplete();
            return;
        }
        if (id.equals(idAtLastResume) && ++idleResumes >= MAX_IDLE_RESUMES) {
            inner.onComplete();
            return;
        }
        if (!id.equals(idAtLastResume)) idleResumes = 0;
        idAtLastResume = id;
        long delay = scanner.retryMillis() >= 0 ? scanner.retryMillis() : DEFAULT_RETRY.toMillis();
        CompletableFuture.runAsync(() -> resume(id), CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
    }

    /** GETs the stream again from {@code lastEventId} and feeds its body to the same subscriber. */
    private void resume(String lastEventId) {
        if (cancelled) {
            inner.onComplete();
            return;
        }
        HttpRequest.Builder get = HttpRequest.newBuilder(post.uri()).GET();
        post.timeout().ifPresent(get::timeout);
        post.headers().map().forEach((name, values) -> {
            if (!NOT_CARRIED.contains(name.toLowerCase(Locale.ROOT))) values.forEach(v -> get.header(name, v));
        });
        get.header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId);
        client.sendAsync(get.build(), HttpResponse.BodyHandlers.ofPublisher()).whenComplete((response, failure) -> {
            if (failure != null) {
                inner.onError(failure);
            } else if (response.statusCode() != 200) {
                // the server will not resume: the stream ends as the server left it
                response.body().subscribe(new Discard());
                inner.onComplete();
            } else {
                response.body().subscribe(new Continuation());
            }
        });
    }

    /** Feeds a resumed stream's bytes into the SDK's subscriber as if they were the POST's. */
    private final class Continuation implements Flow.Subscriber<List<ByteBuffer>> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            if (cancelled) {
                subscription.cancel();
                return;
            }
            long n = demand.get();
            if (n > 0) subscription.request(n);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            ResumingSseSubscriber.this.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            ResumingSseSubscriber.this.onError(throwable);
        }

        @Override
        public void onComplete() {
            ResumingSseSubscriber.this.onComplete();
        }
    }

    /** Reads and drops a body nobody needs, so the connection is freed. */
    private static final class Discard implements Flow.Subscriber<List<ByteBuffer>> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
