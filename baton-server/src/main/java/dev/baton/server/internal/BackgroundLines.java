package dev.baton.server.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Lines written by a background thread, so a request does not wait for a write to stderr before
 * it completes: callers queue, the thread writes whatever has queued in one go and flushes. Woken
 * by a first line, the thread lingers {@link #LINGER_NANOS} for more before it writes, so under load
 * it wakes and writes a few hundred times a second instead of once or twice per request (each wake
 * is a system call on the caller's side, and a write on the thread's). After a busy batch (at least
 * {@value #BUSY_BATCH} lines) it lingers {@link #BUSY_LINGER_NANOS} instead, as the store's writer
 * does: under sustained load it wakes about a hundred times a second, however many lines come. A full queue (the output cannot keep up) makes
 * callers wait rather than lose lines. {@link #close()} writes what is left.
 */
public final class BackgroundLines implements Consumer<String>, AutoCloseable {

    private static final String STOP = new String("stop"); // compared by identity
    /** How long the thread waits for more lines after the first before it writes: a line is out within ~2 ms. */
    static final long LINGER_NANOS = 2_000_000L;
    /** The linger after a batch of at least {@link #BUSY_BATCH} lines: under load a line is out within ~10 ms. */
    static final long BUSY_LINGER_NANOS = 10_000_000L;
    static final int BUSY_BATCH = 16;

    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(65_536);
    private final Writer out;
    private final Thread thread;
    /** The thread's next linger, by the size of its last batch; written by the thread only. */
    private volatile long linger = LINGER_NANOS;

    public BackgroundLines(OutputStream stream, String name) {
        this.out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    @Override
    public void accept(String line) {
        try {
            queue.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(1024);
        while (true) {
            try {
                String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) continue;
                batch.add(first);
                // parked here the thread is not waiting on the queue, so a caller's put wakes nothing
                if (first != STOP) java.util.concurrent.locks.LockSupport.parkNanos(this, linger);
                queue.drainTo(batch, 4095);
                linger = batch.size() >= BUSY_BATCH ? BUSY_LINGER_NANOS : LINGER_NANOS;
                boolean stop = false;
                for (String line : batch) {
                    if (line == STOP) {
                        stop = true;
                        continue;
                    }
                    out.write(line);
                    out.write('\n');
                }
                out.flush();
                batch.clear();
                if (stop) return;
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                batch.clear(); // stderr is gone: nothing else to tell
            }
        }
    }

    /** The thread's next linger in nanoseconds: {@link #BUSY_LINGER_NANOS} after a busy batch, else {@link #LINGER_NANOS}. */
    long lingerNanos() {
        return linger;
    }

    @Override
    public void close() {
        try {
            queue.put(STOP);
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
