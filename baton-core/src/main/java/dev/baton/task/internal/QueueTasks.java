package dev.baton.task.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.task.TaskDetail;
import dev.baton.task.TaskInfo;
import dev.baton.task.TaskKind;
import dev.baton.task.TaskRequest;
import dev.baton.task.TaskState;
import dev.baton.task.TaskWorker;
import dev.baton.task.WorkerSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link dev.baton.task.Tasks} on db-scheduler: one custom db-scheduler task, {@value #TASK_NAME},
 * whose instances are Baton task ids (the data is the id too); Baton's rows hold what each task
 * runs. Submissions go through the in-process worker's scheduler when there is one (so a task due
 * now starts at once, "immediate execution"), else through a plain client; on PostgreSQL every
 * submission also notifies the other replicas' workers ({@link DueNotifier}).
 */
public final class QueueTasks implements dev.baton.task.Tasks, AutoCloseable {

    public static final String TASK_NAME = "baton-task";

    private final DataSource ds;
    private final TaskSchema.Dialect dialect;
    private final TaskTargets targets;
    private final TaskRepository repo;
    private final ObjectMapper json;
    private final Clock clock;
    private final SchedulerClient client;
    private final Duration firstBackoff;
    private volatile @Nullable SchedulerWorker worker;
    private final @Nullable DueNotifier notifier;

    /**
     * The queue on {@code ds}, a store database migrated to its current schema (which holds the
     * task tables); {@code firstBackoff} is the wait after a first failed attempt (normally 1 s).
     */
    public QueueTasks(DataSource ds, TaskTargets targets, ObjectMapper json, Clock clock, Duration firstBackoff) {
        this.ds = ds;
        this.dialect = TaskSchema.dialectOf(ds);
        this.targets = targets;
        this.json = json;
        this.clock = clock;
        this.firstBackoff = firstBackoff;
        this.repo = new TaskRepository(ds, clock);
        this.client = SchedulerClient.Builder.create(ds, List.of(definition(null, "client"))).enablePriority().build();
        this.notifier = dialect == TaskSchema.Dialect.POSTGRES ? new DueNotifier(ds) : null;
    }

    public QueueTasks(DataSource ds, TaskTargets targets, ObjectMapper json) {
        this(ds, targets, json, Clock.systemUTC(), Backoff.FIRST);
    }

    private CustomTask<String> definition(@Nullable TaskExecutionHandler handler, String replica) {
        return Tasks.custom(TASK_NAME, String.class)
                .onFailure(new AttemptFailureHandler(repo, clock, replica, firstBackoff))
                .onDeadExecution(new HandOverDeadExecution(repo, clock, replica))
                .execute(handler != null ? handler : (instance, context) -> {
                    throw new IllegalStateException("a task client does not run tasks");
                });
    }

    @Override
    public TaskInfo submit(TaskRequest request) {
        check(request);
        Instant now = clock.instant();
        Instant first;
        if (request.cron() != null) {
            Instant from = request.runAt() != null && request.runAt().isAfter(now) ? request.runAt() : now;
            first = TaskOutcomes.cron(request.cron()).getInitialExecutionTime(from);
        } else {
            first = request.runAt() != null ? request.runAt() : now;
        }
        String id = UUID.randomUUID().toString();
        repo.insert(id, request, first);
        TaskInstance<String> instance = new TaskInstance.Builder<String>(TASK_NAME, id).data(id)
                .priority(request.priority()).build();
        scheduling().schedule(instance, first);
        if (!first.isAfter(now)) notifyDue();
        return repo.find(id).orElseThrow();
    }

    private void check(TaskRequest request) {
        if (request.cron() != null) TaskOutcomes.cron(request.cron());
        switch (request.kind()) {
            case ENSEMBLE -> targets.ensembles().get().load(request.target());
            case OPERATION -> {
                if (targets.operations().get().find(request.target()) == null) {
                    throw new BatonException(ErrorCode.NOT_FOUND, "no operation '" + request.target() + "'");
                }
            }
            case COORDINATOR -> { }
        }
        if (request.kind() == TaskKind.OPERATION && request.input() != null && !request.input().isBlank()) {
            try {
                if (!json.readTree(request.input()).isObject()) throw new IllegalArgumentException("not an object");
            } catch (RuntimeException e) {
                throw new BatonException(ErrorCode.INVALID_REQUEST, "an operation task's input must be a JSON object: "
                        + e.getMessage());
            }
        }
    }

    private SchedulerClient scheduling() {
        SchedulerWorker w = worker;
        return w != null ? w.scheduler() : client;
    }

    private void notifyDue() {
        DueNotifier n = notifier;
        if (n != null) n.notifyDue();
    }

    @Override
    public List<TaskInfo> list(@Nullable TaskState state, int limit) {
        return repo.list(state, Math.max(1, limit));
    }

    @Override
    public Optional<TaskDetail> show(String id) {
        return repo.find(id).map(t -> new TaskDetail(t, repo.history(id),
                repo.checkpoints(id).stream().filter(c -> "completed".equals(c.status()))
                        .map(TaskRepository.Checkpoint::agent).toList()));
    }

    @Override
    public TaskInfo cancel(String id) {
        TaskInfo task = existing(id);
        if (task.state().isFinal()) return task;
        repo.requestCancel(id);
        try {
            client.cancel(TaskInstanceId.of(TASK_NAME, id));
            TaskOutcomes.cancelled(repo, task, null);
        } catch (TaskInstanceException e) {
            // claimed by a worker: the worker that runs it cancels the run (here at once, elsewhere within its watch)
            SchedulerWorker w = worker;
            if (w != null) w.cancelLocal(id);
        }
        return existing(id);
    }

    @Override
    public TaskInfo retry(String id) {
        TaskInfo task = existing(id);
        Instant now = clock.instant();
        if (!repo.requeue(id, now)) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "task " + id + " is " + task.state().wire()
                    + "; only a failed or cancelled task can be retried");
        }
        repo.clearCheckpoints(id);
        repo.history(id, TaskState.QUEUED, task.attempts(), null, "retry requested");
        TaskInstance<String> instance = new TaskInstance.Builder<String>(TASK_NAME, id).data(id)
                .priority(task.priority()).build();
        scheduling().scheduleIfNotExists(instance, now);
        notifyDue();
        return existing(id);
    }

    private TaskInfo existing(String id) {
        return repo.find(id).orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND, "no task '" + id + "'"));
    }

    @Override
    public synchronized TaskWorker startWorker(WorkerSettings settings) {
        if (worker != null) throw new IllegalStateException("a worker already runs in this process");
        String replica = settings.replica() != null ? settings.replica() : defaultReplica();
        TaskRunner runner = new TaskRunner(targets, repo, json, clock);
        TaskExecutionHandler handler = new TaskExecutionHandler(repo, runner, clock, replica);
        DueNotifier n = notifier;
        AutoCloseable[] listening = new AutoCloseable[1];
        SchedulerWorker w = new SchedulerWorker(ds, definition(handler, replica), handler, repo, settings, replica,
                () -> {
                    worker = null;
                    if (listening[0] != null) {
                        try {
                            listening[0].close();
                        } catch (Exception ignored) {
                            // closing a listener only sets a flag and interrupts its thread
                        }
                    }
                });
        w.start();
        worker = w;
        if (n != null) listening[0] = n.listen(w::wake);
        return w;
    }

    /** Stops the worker of this process, if one runs (see {@link dev.baton.task.TaskWorker#close()}). */
    @Override
    public void close() {
        SchedulerWorker w = worker;
        if (w != null) w.close();
    }

    /** The store's dialect (what the queue runs on). */
    public TaskSchema.Dialect dialect() {
        return dialect;
    }

    /** Host name and process id, cut to fit db-scheduler's {@code picked_by} column. */
    static String defaultReplica() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        String id = host + "-" + ProcessHandle.current().pid();
        return id.length() > 50 ? id.substring(id.length() - 50) : id;
    }
}
