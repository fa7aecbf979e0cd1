package dev.baton.task;

import java.util.List;
import java.util.Optional;

/**
 * The task queue as a face sees it: submit, list, show, cancel, retry. Works on any replica,
 * with or without a worker; the workers of every replica sharing the store run the tasks.
 * Thread-safe.
 */
public interface Tasks {

    /**
     * Queues {@code request} and returns the new task ({@code QUEUED}).
     *
     * @throws dev.baton.error.BatonException {@code INVALID_REQUEST} for a bad cron expression,
     *         {@code NOT_FOUND} for an ensemble or operation that does not exist
     */
    TaskInfo submit(TaskRequest request);

    /** The newest {@code limit} tasks, newest first; only those in {@code state} unless it is null. */
    List<TaskInfo> list(@org.jspecify.annotations.Nullable TaskState state, int limit);

    /** The task with its history, or empty when there is none with this id. */
    Optional<TaskDetail> show(String id);

    /**
     * Cancels the task: a waiting one is taken off the queue at once; a running one has its run
     * cancelled by the worker running it (within about half a second, on any replica). A final
     * task is returned as it is.
     *
     * @throws dev.baton.error.BatonException {@code NOT_FOUND} when there is no such task
     */
    TaskInfo cancel(String id);

    /**
     * Queues a failed or cancelled task again, due now, with a fresh allowance of attempts.
     *
     * @throws dev.baton.error.BatonException {@code NOT_FOUND} when there is no such task,
     *         {@code INVALID_REQUEST} when it is not failed or cancelled
     */
    TaskInfo retry(String id);

    /**
     * Starts a worker in this process that runs due tasks until closed. Closing it stops claiming
     * tasks and waits (up to {@code settings.shutdownWait()}) for the tasks it runs; those still
     * running then are cancelled and handed back to the queue, due at once, for another worker.
     */
    TaskWorker startWorker(WorkerSettings settings);
}
