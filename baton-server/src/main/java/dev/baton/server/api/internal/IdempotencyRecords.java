package dev.baton.server.api.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.runs.IdempotencyKeys;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * {@code Idempotency-Key} of the POSTs that start work: per caller (the key id; anonymous callers
 * share one space), a key is bound to the route and body (its canonical JSON's SHA-256) of its
 * first request and to the response that request got, in the store, so every replica honours
 * it. Replaying the same route and body gets that same response (the same run); the same key with
 * another route or body is {@code IDEMPOTENCY_CONFLICT}. A request that failed frees its key, so
 * a client may retry it. Keys are remembered for {@code ttl}.
 * <p>
 * A replay arriving while the first request is still being served waits for it: on this replica
 * for its outcome (a failure answers the replay the same way), on another by looking at the store
 * every {@value #WAIT_POLL_MS} ms until the response is there (or the key was freed: then the
 * replay runs itself). A claim left {@link #STALE} without a response (its replica died while
 * serving it) is taken over.
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

    private record Owner(String caller, String key) {
    }

    private static final int MAX_KEY_LENGTH = 255;
    static final long WAIT_POLL_MS = 50;
    /** Starting a run takes milliseconds: a claim this old without a response belongs to a dead replica. */
    static final Duration STALE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdempotencyKeys keys;
    private final String replica;
    private final Clock clock;
    private final Duration ttl;
    /** Requests this replica is serving, by key: a local replay waits for the very outcome. */
    private final Map<Owner, CompletableFuture<Response>> inFlight = new ConcurrentHashMap<>();
    private volatile Instant lastSweep = Instant.EPOCH;

    public IdempotencyRecords(IdempotencyKeys keys, String replica, Clock clock, Duration ttl) {
        this.keys = keys;
        this.replica = replica;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * The response of {@code action}, run once per {@code (caller, key)} across every replica on
     * the store; without a key, simply {@code action}'s.
     */
    public Response serve(@Nullable String caller, @Nullable String key, String route, JsonNode body, Action action)
            throws IOException {
        if (key == null) return action.run();
        check(key);
        sweep();
        Owner owner = new Owner(caller == null ? "" : caller, key);
        String hash = sha256(canonical(body));
        while (true) {
            CompletableFuture<Response> local = inFlight.get(owner);
            if (local != null) {
                refuseOther(owner, route, hash);
                return await(local, key);
            }
            Instant now = clock.instant();
            Optional<IdempotencyKeys.Entry> held = keys.claim(owner.caller(), key, route, hash, replica, now);
            if (held.isEmpty()) return runClaimed(owner, action);
            IdempotencyKeys.Entry e = held.get();
            if (e.done() && e.createdAt().plus(ttl).isBefore(now)) {
                keys.remove(owner.caller(), key, e.createdAt()); // expired: the key is free again
                continue;
            }
            conflict(e, key, route, hash);
            if (e.done()) return new Response(e.status(), JSON.readTree(e.response()), e.location());
            if (e.createdAt().plus(STALE).isBefore(now)) {
                keys.remove(owner.caller(), key, e.createdAt());
                continue;
            }
            pause(key);
        }
    }

    private Response runClaimed(Owner owner, Action action) throws IOException {
        CompletableFuture<Response> mine = new CompletableFuture<>();
        inFlight.put(owner, mine);
        try {
            Response r = action.run();
            keys.complete(owner.caller(), owner.key(), r.status(), r.body().toString(), r.location());
            mine.complete(r);
            return r;
        } catch (IOException | RuntimeException | Error e) {
            try {
                keys.release(owner.caller(), owner.key());
            } finally {
                mine.completeExceptionally(e);
            }
            throw e;
        } finally {
            inFlight.remove(owner, mine);
        }
    }

    private void refuseOther(Owner owner, String route, String hash) {
        keys.find(owner.caller(), owner.key()).ifPresent(e -> conflict(e, owner.key(), route, hash));
    }

    private static void conflict(IdempotencyKeys.Entry e, String key, String route, String hash) {
        if (e.route().equals(route) && e.bodySha256().equals(hash)) return;
        throw BatonException.builder(ErrorCode.IDEMPOTENCY_CONFLICT, "Idempotency-Key '" + key
                        + "' was first used with " + (e.route().equals(route) ? "another body" : e.route())
                        + "; a key may be reused only for the same request")
                .suggestion("send a new Idempotency-Key for a different request").build();
    }

    private static Response await(CompletableFuture<Response> first, String key) throws IOException {
        try {
            return first.get();
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

    private static void pause(String key) throws IOException {
        try {
            Thread.sleep(WAIT_POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the first request with Idempotency-Key " + key, e);
        }
    }

    private static void check(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "header 'Idempotency-Key' must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters");
        }
    }

    /** The JSON text of {@code node} with every object's fields in name order: equal bodies, equal text. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            java.util.List<String> names = new java.util.ArrayList<>(node.propertyNames());
            names.sort(null);
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) out.append(',');
                out.append(JSON.writeValueAsString(names.get(i))).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private void sweep() {
        Instant now = clock.instant();
        if (lastSweep.plusSeconds(60).isAfter(now)) return;
        lastSweep = now;
        keys.deleteDoneBefore(now.minus(ttl));
    }
}
