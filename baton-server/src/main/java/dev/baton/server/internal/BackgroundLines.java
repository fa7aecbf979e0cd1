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
 * it completes: callers queue, the thread writes whatever has queued in one go and flushes. A full
 * queue (the output cannot keep up) makes callers wait rather than lose lines. {@link #close()}
 * writes what is left.
 */
public final class BackgroundLines implements Consumer<String>, AutoCloseable {

    private static final String STOP = new String("stop"); // compared by identity

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
