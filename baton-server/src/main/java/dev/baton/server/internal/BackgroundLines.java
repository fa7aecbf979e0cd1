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
 * is a system call on the caller's side, and a write on the thread's). A full queue (the output
 * cannot keep up) makes callers wait rather than lose lines. {@link #close()} writes what is left.
 */
public final class BackgroundLines implements Consumer<String>, AutoCloseable {

    private static final String STOP = new String("stop"); // compared by identity
    /** How long the thread waits for more lines after the first before it writes: a line is out within ~2 ms. */
    static final long LINGER_NANOS = 2_000_000L;

    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(65_536);
    private final Writer out;
    private final Thread thread;

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
                if (first != STOP) java.util.concurrent.locks.LockSupport.parkNanos(this, LINGER_NANOS);
                queue.drainTo(batch, 4095);
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
