package dev.baton.server.api.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * {@code Idempotency-Key} of the POSTs that start work: per caller (the key id; anonymous callers
 * share one space), a key is bound to the route and body of its first request and to the response
 * that request got. Replaying the same route and body gets that same response (the same run); the
 * same key with another route or body is {@code IDEMPOTENCY_CONFLICT}. A request that failed
 * frees its key, so a client may retry it. Records live in memory for {@code ttl}; a restart
 * forgets them. A replay arriving while the first request is still being served waits for it.
 */
public final class IdempotencyRecords {

    /** What the first request answered. */
    public record Response(int status, JsonNode body, @Nullable String location) {
    }

    /** The work a new request does. */
    @FunctionalInterface
    public interface Action {
        Response run() throws IOException;
    }

    private record Owner(@Nullable String caller, String key) {
    }

    private record Entry(String route, JsonNode body, CompletableFuture<Response> response, Instant at) {
    }

    private static final int MAX_KEY_LENGTH = 255;

    private final Map<Owner, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private volatile Instant lastSweep = Instant.EPOCH;

    public IdempotencyRecords(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The response of {@code action}, run once per {@code (caller, key)}; without a key, simply
     * {@code action}'s.
     */
    public Response serve(@Nullable String caller, @Nullable String key, String route, JsonNode body, Action action)
            throws IOException {
        if (key == null) return action.run();
        check(key);
        sweep();
        CompletableFuture<Response> mine = new CompletableFuture<>();
        Entry entry = entries.compute(new Owner(caller, key), (k, old) ->
                old != null && !expired(old) ? old : new Entry(route, body, mine, clock.instant()));
        if (entry.response() != mine) return replay(entry, key, route, body);
        try {
            Response r = action.run();
            mine.complete(r);
            return r;
        } catch (IOException | RuntimeException | Error e) {
            entries.remove(new Owner(caller, key), entry);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private Response replay(Entry entry, String key, String route, JsonNode body) throws IOException {
        if (!entry.route().equals(route) || !entry.body().equals(body)) {
            throw BatonException.builder(ErrorCode.IDEMPOTENCY_CONFLICT, "Idempotency-Key '" + key
                            + "' was first used with " + (entry.route().equals(route) ? "another body" : entry.route())
                            + "; a key may be reused only for the same request")
                    .suggestion("send a new Idempotency-Key for a different request").build();
        }
        try {
            return entry.response().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the first request with Idempotency-Key " + key, e);
        } catch (ExecutionException e) {
            // the first request failed: this replay answers the same way
            if (e.getCause() instanceof BatonException b) throw b;
            if (e.getCause() instanceof IOException io) throw io;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void check(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "header 'Idempotency-Key' must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters");
        }
    }

    private boolean expired(Entry e) {
        return e.at().plus(ttl).isBefore(clock.instant()) && e.response().isDone();
    }

    private void sweep() {
        Instant now = clock.instant();
        if (lastSweep.plusSeconds(60).isAfter(now)) return;
        lastSweep = now;
        entries.values().removeIf(this::expired);
    }
}
