package dev.baton.server.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Caller;
import dev.baton.server.Exchange;
import dev.baton.server.Guard;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} requests in flight per caller (per key id; anonymous callers share one
 * count); one more is answered 429 {@code RATE_LIMITED} at once rather than queued.
 */
public final class ConcurrencyLimit implements Guard {

    private final int limit;
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public ConcurrencyLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void around(Exchange exchange, Next next) throws IOException {
        Caller caller = exchange.caller();
        String id = caller.keyId() == null ? "" : caller.keyId();
        AtomicInteger count = inFlight.computeIfAbsent(id, k -> new AtomicInteger());
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            ApiErrors.write(exchange, BatonException.builder(ErrorCode.RATE_LIMITED,
                            "more than " + limit + " requests in flight for key " + caller.name())
                    .retryAfter(Duration.ofSeconds(1))
                    .suggestion("Wait for requests in flight to finish, or raise server.max_concurrent_per_key.").build());
            return;
        }
        boolean async = false;
        try {
            next.proceed(exchange);
            if (exchange.async()) {
                async = true;
                exchange.onAsyncComplete(count::decrementAndGet);
            }
        } finally {
            if (!async) count.decrementAndGet();
        }
    }
}
