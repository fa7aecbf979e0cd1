package dev.baton.provider.internal;

import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The timer of a Jetty client (request timeouts, idle connections): one daemon thread, started on
 * the first timeout, that has ended when {@link #stop()} returns. Jetty's own scheduler shuts its
 * thread down without waiting for it, which would leave it running past the client's close.
 */
final class JettyTimer extends AbstractLifeCycle implements Scheduler {

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    JettyTimer(String name) {
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // cancelled timeouts (nearly all of them: the answer came first) leave the queue at once
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public Task schedule(Runnable task, long delay, TimeUnit units) {
        ScheduledFuture<?> f = executor.schedule(task, delay, units);
        return () -> f.cancel(false);
    }

    @Override
    protected void doStop() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(2, TimeUnit.SECONDS);
        // the pool counts as terminated while its last thread is still on its way out
        Thread t = thread;
        if (t != null) t.join(2000);
    }
}
