package dev.baton.server.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Caller;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code limit} requests in flight per caller (per key id; anonymous callers share one
 * count); one more is answered 429 {@code RATE_LIMITED} at once rather than queued.
 */
public final class ConcurrencyLimit implements Filter {

    private final int limit;
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public ConcurrencyLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        Caller caller = Caller.of(request);
        String id = caller.keyId() == null ? "" : caller.keyId();
        AtomicInteger count = inFlight.computeIfAbsent(id, k -> new AtomicInteger());
        if (count.incrementAndGet() > limit) {
            count.decrementAndGet();
            ApiErrors.write((HttpServletResponse) res, BatonException.builder(ErrorCode.RATE_LIMITED,
                            "more than " + limit + " requests in flight for key " + caller.name())
                    .retryAfter(Duration.ofSeconds(1))
                    .suggestion("Wait for requests in flight to finish, or raise server.max_concurrent_per_key.").build());
            return;
        }
        boolean async = false;
        try {
            chain.doFilter(req, res);
            if (request.isAsyncStarted()) {
                async = true;
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override public void onComplete(AsyncEvent event) { count.decrementAndGet(); }
                    @Override public void onTimeout(AsyncEvent event) { }
                    @Override public void onError(AsyncEvent event) { }
                    @Override public void onStartAsync(AsyncEvent event) { }
                });
            }
        } finally {
            if (!async) count.decrementAndGet();
        }
    }
}
