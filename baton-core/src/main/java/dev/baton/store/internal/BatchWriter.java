package dev.baton.store.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The one writer of a database: a platform thread draining a queue of {@link WriteOp}s, up to
 * {@code maxBatch} per transaction (BEGIN IMMEDIATE ... COMMIT). Submitting is a queue insertion;
 * the caller blocks only when the queue is full (back-pressure). Ops run in submission order. A
 * batch that fails is retried, then replayed op by op so one bad op cannot lose the others.
 * A platform thread, because the JDBC driver is native code that would pin a virtual thread.
 * <p>
 * Group commit: once an op arrives the writer lingers up to {@link #LINGER_NANOS} for more
 * before it commits, unless a caller is waiting ({@link #call}, {@link #flush()} wake it at
 * once). At 10,000 records a second that is one transaction per ~20 records instead of one per
 * record: the writer then needs a few percent of a core instead of a third of one, and the
 * callers it shares the cores with stop meeting it (docs/PERFORMANCE.md §3).
 */
final class BatchWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final int MAX_BATCH = 4096;
    private static final int QUEUE_CAPACITY = 65_536;
    private static final int BUSY_RETRIES = 3;
    /** How long the writer waits for more ops before committing a batch no caller waits for. */
    static final long LINGER_NANOS = 2_000_000L;
    /** Queued by {@link #close()} so the writer wakes at once instead of at its next poll timeout. */
    private static final WriteOp WAKE_UP = context -> { };

    private final WriteContext context;
    private final LinkedBlockingQueue<WriteOp> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean closed;
    /** Ops queued that a caller waits for ({@link CallOp}): the writer must not linger. */
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    BatchWriter(WriteContext context, String name) {
        this.context = context;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code op}; blocks while the queue is full. */
    void submit(WriteOp op) {
        if (closed) throw new IllegalStateException("the database is closed");
        try {
            queue.put(op);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a database write", e);
        }
    }

    /** Runs {@code work} on the writer, in order with queued ops, and returns its result after commit. */
    <T> T call(Function<WriteContext, T> work) {
        CallOp<T> op = new CallOp<>(work);
        waiting.incrementAndGet();
        try {
            submit(op);
        } catch (RuntimeException e) {
            waiting.decrementAndGet();
            throw e;
        }
        java.util.concurrent.locks.LockSupport.unpark(thread); // cut a linger short
        try {
            return op.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Waits until every op queued before this call is committed (or failed). */
    void flush() {
        if (closed) return; // close() itself commits everything queued
        call(c -> null);
    }

    private void run() {
        List<WriteOp> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                WriteOp first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null || (first == WAKE_UP && queue.isEmpty())) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                if (batch.size() < MAX_BATCH && waiting.get() == 0 && !closed) {
                    java.util.concurrent.locks.LockSupport.parkNanos(this, LINGER_NANOS);
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
                runBatch(batch);
            } catch (InterruptedException e) {
                if (closed) continue;
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("database writer failed a batch", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<WriteOp> batch) {
        SQLException failure = null;
        for (int attempt = 0; attempt < BUSY_RETRIES; attempt++) {
            try {
                applyAll(batch);
                for (WriteOp op : batch) op.committed();
                return;
            } catch (SQLException e) {
                failure = e;
                rollback();
            }
        }
        if (batch.size() == 1) {
            LOG.error("database write failed: {}", failure.toString());
            batch.getFirst().failed(failure);
            return;
        }
        for (WriteOp op : batch) runBatch(List.of(op));
    }

    /** One BEGIN IMMEDIATE ... COMMIT per batch; the write lock is held only while it runs. */
    private void applyAll(List<WriteOp> batch) throws SQLException {
        java.sql.Connection c = context.connection();
        c.setAutoCommit(false);
        for (WriteOp op : batch) op.apply(context);
        context.executeBatches();
        c.commit();
        c.setAutoCommit(true);
    }

    private void rollback() {
        context.clearBatches();
        try {
            java.sql.Connection c = context.connection();
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.toString());
        }
    }

    /** Commits what is queued, stops the thread and closes the connection. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        queue.offer(WAKE_UP); // if the queue is full the writer is busy and sees `closed` anyway
        java.util.concurrent.locks.LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            context.close();
        } catch (SQLException e) {
            LOG.warn("closing the writer connection failed: {}", e.toString());
        }
    }

    /** An op whose result is handed back to a waiting caller after the commit. */
    private final class CallOp<T> implements WriteOp {
        private final Function<WriteContext, T> work;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private T value;

        CallOp(Function<WriteContext, T> work) {
            this.work = work;
        }

        @Override
        public void apply(WriteContext context) throws SQLException {
            try {
                value = work.apply(context);
            } catch (UncheckedSqlException e) {
                throw e.getCause();
            }
        }

        @Override
        public void committed() {
            waiting.decrementAndGet();
            result.complete(value);
        }

        @Override
        public void failed(Exception e) {
            waiting.decrementAndGet();
            result.completeExceptionally(new IllegalStateException("database write failed: " + e.getMessage(), e));
        }
    }

    /** Lets {@link #call} work throw an {@link SQLException} through a {@link Function}. */
    static final class UncheckedSqlException extends RuntimeException {
        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
