package dev.baton.server.internal;

import tools.jackson.core.io.JsonStringEncoder;
import dev.baton.server.Exchange;
import dev.baton.server.Guard;
import dev.baton.server.RequestObserver;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The first guard: when a response is complete (after the chain returns, or when an async
 * response such as an event stream ends) writes one JSON line — time, method, route template,
 * status, duration, key id — and tells the {@link RequestObserver}s. Never the key, the query
 * string or a body.
 */
public final class AccessLog implements Guard {

    private final @Nullable Consumer<String> sink;
    private final List<RequestObserver> observers = new CopyOnWriteArrayList<>();

    /** @param sink where the lines go ({@code null}: no access log, observers only) */
    public AccessLog(@Nullable Consumer<String> sink) {
        this.sink = sink;
    }

    public void observe(RequestObserver observer) {
        observers.add(observer);
    }

    @Override
    public void around(Exchange exchange, Next next) throws IOException {
        long start = System.nanoTime();
        boolean async = false;
        try {
            next.proceed(exchange);
            if (exchange.async()) {
                async = true;
                exchange.onAsyncComplete(() -> done(exchange, start));
            }
        } finally {
            if (!async) done(exchange, start);
        }
    }

    private void done(Exchange exchange, long start) {
        long nanos = System.nanoTime() - start;
        String route = exchange.route();
        String keyId = exchange.caller().keyId();
        int status = exchange.status();
        String method = exchange.method();
        for (RequestObserver o : observers) {
            try {
                o.finished(method, route, status, nanos, keyId);
            } catch (RuntimeException ignored) {
                // an observer's failure must not fail the request it observes
            }
        }
        if (sink != null) sink.accept(line(method, route, status, nanos, keyId));
    }

    static String line(String method, String route, int status, long nanos, @Nullable String keyId) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"time\":\"");
        appendInstant(b, Instant.now());
        b.append("\",\"type\":\"access\",\"method\":\"");
        JsonStringEncoder.getInstance().quoteAsString(method, b);
        b.append("\",\"route\":\"");
        JsonStringEncoder.getInstance().quoteAsString(route, b);
        b.append("\",\"status\":").append(status);
        b.append(",\"duration_ms\":");
        appendMillis(b, nanos);
        b.append(",\"key_id\":");
        if (keyId == null) b.append("null");
        else {
            b.append('"');
            JsonStringEncoder.getInstance().quoteAsString(keyId, b);
            b.append('"');
        }
        return b.append('}').toString();
    }

    /** The formatted second of the latest line: {@code Instant.toString()} formats the whole date each time, most of a line's cost. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second second = new Second(Long.MIN_VALUE, "");

    /** Appends {@code t} exactly as {@link Instant#toString()} writes it, the date part formatted once per second. */
    static void appendInstant(StringBuilder b, Instant t) {
        Second s = second;
        if (s.epochSecond != t.getEpochSecond()) {
            String whole = Instant.ofEpochSecond(t.getEpochSecond()).toString(); // ...:SSZ
            s = new Second(t.getEpochSecond(), whole.substring(0, whole.length() - 1));
            second = s;
        }
        b.append(s.text);
        int nano = t.getNano();
        if (nano != 0) {
            int digits;
            int value;
            if (nano % 1_000_000 == 0) {
                digits = 3;
                value = nano / 1_000_000;
            } else if (nano % 1_000 == 0) {
                digits = 6;
                value = nano / 1_000;
            } else {
                digits = 9;
                value = nano;
            }
            b.append('.');
            String v = Integer.toString(value);
            for (int i = v.length(); i < digits; i++) b.append('0');
            b.append(v);
        }
        b.append('Z');
    }

    /** Nanoseconds as milliseconds with three decimals ({@code 1.234}), without a formatter on every request. */
    static void appendMillis(StringBuilder b, long nanos) {
        long micros = Math.max(0, (nanos + 500) / 1000);
        b.append(micros / 1000).append('.');
        long frac = micros % 1000;
        if (frac < 100) b.append('0');
        if (frac < 10) b.append('0');
        b.append(frac);
    }
}
