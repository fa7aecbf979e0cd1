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
 * callers it shares the cores with stop meeting it (docs/PERFORMANCE.md §11). Under sustained
 * load (the last batch held at least {@value #BUSY_BATCH} ops) it lingers
 * {@link #BUSY_LINGER_NANOS} instead: five times fewer transactions and wake-ups, which a
 * gateway at 15,000 requests a second notices (§31), while a quiet store keeps its 2 ms.
 * <p>
 * Reconnecting (PostgreSQL): when a batch fails because the connection is gone (the server
 * restarted, the network dropped), the writer hands the connection back to its {@link Reconnect}
 * and takes a fresh one, with backoff, then runs the same batch again. Meanwhile the ops stay
 * queued (callers of {@link #call} wait; {@link #submit} blocks only once the queue is full);
 * nothing is dropped until the database has been away for the outage limit, after which the
 * waiting ops fail with an error that says so, and the writer tries again with the next batch.
 */
final class BatchWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final int MAX_BATCH = 4096;
    private static final int QUEUE_CAPACITY = 65_536;
    private static final int BUSY_RETRIES = 3;
    /** How long the writer waits for more ops before committing a batch no caller waits for. */
    static final long LINGER_NANOS = 2_000_000L;
    /** The linger while busy: after a batch of at least {@link #BUSY_BATCH} ops. */
    static final long BUSY_LINGER_NANOS = 10_000_000L;
    /** A batch this large (8,000 ops a second at the short linger) means the writer is busy. */
    static final int BUSY_BATCH = 16;
    /** Queued by {@link #close()} so the writer wakes at once instead of at its next poll timeout. */
    private static final WriteOp WAKE_UP = context -> { };

    /** Replaced on reconnect; writer thread only (close() reads it after joining the thread). */
    private WriteContext context;
    private final Reconnect reconnect;
    private final long outageLimitNanos;
    private final LinkedBlockingQueue<WriteOp> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;
    private volatile boolean closed;
    /** The writer's next linger, by the size of its last batch; written by the writer thread only. */
    private volatile long linger = LINGER_NANOS;
    /** Ops queued that a caller waits for ({@link CallOp}): the writer must not linger. */
    private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();

    /** Gives the writer a fresh connection for one that broke. */
    @FunctionalInterface
    interface Reconnect {
        /** Disposes of {@code broken} and returns a new connection; throws while the database is away. */
        java.sql.Connection replace(java.sql.Connection broken) throws SQLException;
    }

    /** Backoff between reconnection attempts: doubling from the first to the last. */
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 2_000;

    /** A writer that cannot reconnect (SQLite: the file does not go away). */
    BatchWriter(WriteContext context, String name) {
        this(context, name, null, java.time.Duration.ZERO);
    }

    /**
     * @param reconnect   how to replace a lost connection (null: never)
     * @param outageLimit how long ops are kept while the database is away before they fail
     */
    BatchWriter(WriteContext context, String name, Reconnect reconnect, java.time.Duration outageLimit) {
        this.context = context;
        this.reconnect = reconnect;
        this.outageLimitNanos = outageLimit.toNanos();
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code op}; blocks while the queue is full. An interrupt does not drop the op: the
     * record of something that already happened (a call past its deadline, a cancelled run's last
     * row) is queued all the same, and the caller's interrupt status is set again afterwards.
     */
    void submit(WriteOp op) {
        if (closed) throw new IllegalStateException("the database is closed");
        if (queue.offer(op)) return; // the common case: room in the queue, no lock wait to interrupt
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    queue.put(op);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (closed) throw new IllegalStateException("the database is closed", e);
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
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

    /** The writer's next linger in nanoseconds: {@link #BUSY_LINGER_NANOS} after a busy batch, else {@link #LINGER_NANOS}. */
    long lingerNanos() {
        return linger;
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
                    java.util.concurrent.locks.LockSupport.parkNanos(this, linger);
                    queue.drainTo(batch, MAX_BATCH - batch.size());
                }
                linger = batch.size() >= BUSY_BATCH ? BUSY_LINGER_NANOS : LINGER_NANOS; // for the next batch
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
        long outageDeadline = 0; // one limit for the whole outage, however often a new connection breaks again
        for (int attempt = 0; attempt < BUSY_RETRIES; attempt++) {
            try {
                applyAll(batch);
                for (WriteOp op : batch) op.committed();
                return;
            } catch (SQLException e) {
                failure = e;
                rollback();
                if (reconnect != null && connectionLost(e)) {
                    if (outageDeadline == 0) outageDeadline = System.nanoTime() + outageLimitNanos;
                    SQLException away = awaitReconnect(e, outageDeadline);
                    if (away != null) {
                        failAll(batch, away);
                        return;
                    }
                    attempt = -1; // the same batch, whole, on the new connection
                }
            }
        }
        if (batch.size() == 1) {
            LOG.error("database write failed: {}", failure.toString());
            batch.getFirst().failed(failure);
            return;
        }
        for (WriteOp op : batch) runBatch(List.of(op));
    }

    /** Whether {@code e} means the connection is gone rather than that the batch is wrong. */
    private boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        // 08: connection exception; 57P01-03: the server shut down or is starting
        if (state != null && (state.startsWith("08") || state.startsWith("57P"))) return true;
        if (context == null) return true;
        try {
            return !context.connection().isValid(2);
        } catch (SQLException invalid) {
            return true;
        }
    }

    /**
     * Replaces the connection, retrying with backoff until it works (null) or the outage limit
     * has passed or the writer is closing (the error to fail the waiting ops with).
     */
    private SQLException awaitReconnect(SQLException cause, long deadline) {
        long backoff = FIRST_BACKOFF_MS;
        LOG.warn("database connection lost ({}); reconnecting, writes are kept for up to {} s",
                cause.getMessage(), outageLimitNanos / 1_000_000_000L);
        SQLException last = cause;
        java.sql.Connection broken = null;
        if (context != null) {
            broken = context.connection();
            context.closeStatements();
            context = null;
        }
        while (true) {
            try {
                context = new WriteContext(reconnect.replace(broken));
                LOG.info("database connection re-established");
                return null;
            } catch (SQLException e) {
                last = e;
                broken = null; // disposed of by the first attempt
            }
            if (closed || System.nanoTime() + backoff * 1_000_000L > deadline) break;
            java.util.concurrent.locks.LockSupport.parkNanos(this, backoff * 1_000_000L);
            backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
        SQLException away = new SQLException("the database was unreachable for " + (outageLimitNanos / 1_000_000_000L)
                + " s" + (closed ? " (and the store is closing)" : "") + "; the write is not stored: " + last.getMessage(),
                "08006", last);
        LOG.error("{}", away.getMessage());
        return away;
    }

    private static void failAll(List<WriteOp> batch, SQLException e) {
        for (WriteOp op : batch) op.failed(e);
    }

    /** One BEGIN IMMEDIATE ... COMMIT per batch; the write lock is held only while it runs. */
    private void applyAll(List<WriteOp> batch) throws SQLException {
        // no connection since an outage outlasted its limit: this batch reconnects first
        if (context == null) throw new SQLException("the writer has no database connection", "08003");
        java.sql.Connection c = context.connection();
        c.setAutoCommit(false);
        for (WriteOp op : batch) op.apply(context);
        context.executeBatches();
        c.commit();
        c.setAutoCommit(true);
    }

    private void rollback() {
        if (context == null) return;
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
            if (context != null) context.close();
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
