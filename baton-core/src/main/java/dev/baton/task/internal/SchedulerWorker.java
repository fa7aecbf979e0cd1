package dev.baton.task.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.baton.task.TaskWorker;
import dev.baton.task.WorkerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker: a db-scheduler {@link Scheduler} on the store's database that claims due task
 * executions (highest priority first), heartbeats them and revives those of dead workers, plus a
 * watch that carries a client's cancel to the runs this worker has in hand (a cancel may be asked
 * on any replica; it reaches the run within {@link #CANCEL_WATCH}). Closing it stops claiming,
 * lets running tasks finish for {@code shutdownWait}, then hands the rest back to the queue.
 */
final class SchedulerWorker implements TaskWorker {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerWorker.class);
    static final Duration CANCEL_WATCH = Duration.ofMillis(250);

    private final Scheduler scheduler;
    private final TaskExecutionHandler handler;
    private final TaskRepository repo;
    private final WorkerSettings settings;
    private final String replica;
    private final ScheduledExecutorService watch;
    private final Runnable onClose;
    private volatile boolean closed;

    SchedulerWorker(DataSource ds, Task<?> task, TaskExecutionHandler handler, TaskRepository repo,
                    WorkerSettings settings, String replica, Runnable onClose) {
        this.handler = handler;
        this.repo = repo;
        this.settings = settings;
        this.replica = replica;
        this.onClose = onClose;
        this.scheduler = Scheduler.create(ds, List.<Task<?>>of(task))
                .schedulerName(new SchedulerName.Fixed(replica))
                .threads(settings.threads())
                .pollingInterval(settings.pollInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .enableImmediateExecution()
                .enablePriority()
                .shutdownMaxWait(Duration.ofSeconds(5))
                // an attempt's failure is in the task history; the engine need not log it as well
                .failureLogging(LogLevel.DEBUG, false)
                .build();
        this.watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-task-cancel-watch");
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        scheduler.start();
        long every = CANCEL_WATCH.toMillis();
        watch.scheduleWithFixedDelay(this::carryCancels, every, every, TimeUnit.MILLISECONDS);
    }

    /** The scheduler, for submissions on this replica: one due now then starts without a poll. */
    Scheduler scheduler() {
        return scheduler;
    }

    /** Wakes the scheduler to look for due executions now (a notification from another replica). */
    void wake() {
        if (!closed) scheduler.triggerCheckForDueExecutions();
    }

    /** Stops the run of a task this worker has in hand, if it has it. */
    boolean cancelLocal(String id) {
        RunningTask rt = handler.running().get(id);
        if (rt == null) return false;
        rt.stop(RunningTask.Stop.CANCEL);
        return true;
    }

    private void carryCancels() {
        try {
            Set<String> ids = Set.copyOf(handler.running().keySet());
            if (ids.isEmpty()) return;
            for (String id : repo.cancelRequested(ids)) cancelLocal(id);
        } catch (RuntimeException e) {
            LOG.debug("cancel watch: {}", e.getMessage());
        }
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public int running() {
        return handler.running().size();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        scheduler.pause();
        waitForRunning(settings.shutdownWait());
        if (!handler.running().isEmpty()) {
            LOG.info("worker {}: handing {} running task(s) back to the queue", replica, handler.running().size());
            handler.running().values().forEach(rt -> rt.stop(RunningTask.Stop.HAND_BACK));
            waitForRunning(Duration.ofSeconds(5));
        }
        watch.shutdownNow();
        scheduler.stop();
        onClose.run();
    }

    private void waitForRunning(Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (!handler.running().isEmpty() && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
