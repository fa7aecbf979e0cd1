package dev.baton.server.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.ApiErrors;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every request gets at most {@code server.request_timeout_seconds}: past it the request's thread
 * is interrupted (a model call or run it waits for is cancelled) and, when nothing has been sent
 * yet, the answer is 504 {@code TIMEOUT}. Event streams bound their own length and requests that
 * went asynchronous are left to their handler. The interrupt can only land while the request is
 * inside this filter, never on the thread's next request.
 */
public final class RequestDeadline implements Filter, AutoCloseable {

    private final Duration timeout;
    private final ScheduledThreadPoolExecutor timer;

    public RequestDeadline(Duration timeout) {
        this.timeout = timeout;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> Thread.ofPlatform().daemon().name("baton-request-deadline").unstarted(r));
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        Watch watch = new Watch(Thread.currentThread());
        ScheduledFuture<?> due = timer.schedule(watch::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        Exception failure = null;
        try {
            chain.doFilter(req, res);
        } catch (IOException | ServletException | RuntimeException e) {
            failure = e;
        }
        due.cancel(false);
        if (watch.leave()) {
            // what failed after the deadline failed because of its interrupt: the answer is the timeout
            if (!res.isCommitted() && !req.isAsyncStarted()) {
                ApiErrors.write((HttpServletResponse) res, BatonException.builder(ErrorCode.TIMEOUT,
                                "the request ran longer than " + timeout.toMillis() + " ms and was cancelled")
                        .suggestion("Raise server.request_timeout_seconds, or start long work as a run (POST /api/v1/runs) "
                                + "and follow its events.").build());
            }
            return;
        }
        if (failure instanceof IOException e) throw e;
        if (failure instanceof ServletException e) throw e;
        if (failure instanceof RuntimeException e) throw e;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One request's thread while it is inside the filter. */
    private static final class Watch {
        private final Thread thread;
        private boolean inside = true;
        private boolean expired;

        Watch(Thread thread) {
            this.thread = thread;
        }

        synchronized void expire() {
            if (!inside) return;
            expired = true;
            thread.interrupt();
        }

        /** Leaves the filter; clears an interrupt the deadline set. Whether the deadline passed. */
        boolean leave() {
            synchronized (this) {
                inside = false;
            }
            if (expired) Thread.interrupted();
            return expired;
        }
    }
}
