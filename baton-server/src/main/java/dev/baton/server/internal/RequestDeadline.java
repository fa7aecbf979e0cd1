package dev.baton.server.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import dev.baton.server.Exchange;
import dev.baton.server.Guard;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every request gets at most {@code server.request_timeout_seconds}: past it the request's thread
 * is interrupted (a model call or run it waits for is cancelled) and, when nothing has been sent
 * yet, the answer is 504 {@code TIMEOUT}. Event streams bound their own length and requests that
 * went asynchronous are left to their handler. The interrupt can only land while the request is
 * inside this guard, never on the thread's next request.
 * <p>
 * Requests in flight sit in a set that one sweeper thread looks over a few times per timeout
 * (at least once a second): no timer is scheduled and cancelled per request, which woke a timer
 * thread on every request of an idle connection.
 */
public final class RequestDeadline implements Guard, AutoCloseable {

    private final Duration timeout;
    private final long timeoutNanos;
    private final Set<Watch> inFlight = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean closed;

    public RequestDeadline(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
        long every = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        this.sweeper = Thread.ofPlatform().daemon().name("baton-request-deadline").start(() -> sweep(every));
    }

    private void sweep(long everyMillis) {
        while (!closed) {
            try {
                Thread.sleep(everyMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : inFlight) {
                if (now - w.started >= timeoutNanos) w.expire();
            }
        }
    }

    @Override
    public void around(Exchange exchange, Next next) throws IOException {
        Watch watch = new Watch(Thread.currentThread(), System.nanoTime());
        inFlight.add(watch);
        Exception failure = null;
        try {
            next.proceed(exchange);
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        inFlight.remove(watch);
        if (watch.leave()) {
            // what failed after the deadline failed because of its interrupt: the answer is the timeout
            if (!exchange.committed() && !exchange.async()) {
                ApiErrors.write(exchange, BatonException.builder(ErrorCode.TIMEOUT,
                                "the request ran longer than " + timeout.toMillis() + " ms and was cancelled")
                        .suggestion("Raise server.request_timeout_seconds, or start long work as a run (POST /api/v1/runs) "
                                + "and follow its events.").build());
            }
            return;
        }
        if (failure instanceof IOException e) throw e;
        if (failure instanceof RuntimeException e) throw e;
    }

    @Override
    public void close() {
        closed = true;
        sweeper.interrupt();
    }

    /** One request's thread while it is inside the guard. */
    private static final class Watch {
        private final Thread thread;
        private final long started;
        private boolean inside = true;
        private boolean expired;

        Watch(Thread thread, long started) {
            this.thread = thread;
            this.started = started;
        }

        synchronized void expire() {
            if (!inside || expired) return;
            expired = true;
            thread.interrupt();
        }

        /** Leaves the guard; clears an interrupt the deadline set. Whether the deadline passed. */
        boolean leave() {
            synchronized (this) {
                inside = false;
            }
            if (expired) Thread.interrupted();
            return expired;
        }
    }
}
