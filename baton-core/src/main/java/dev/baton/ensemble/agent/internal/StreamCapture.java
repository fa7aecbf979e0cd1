package dev.baton.ensemble.agent.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains a process stream on a virtual thread (so the process never blocks on a full pipe) and
 * keeps either its first {@code limit} bytes ({@link #head}) or its last ({@link #tail}).
 */
public final class StreamCapture {

    private final byte[] buffer;
    private final boolean keepTail;
    private final Thread thread;
    private long total;
    private int size;
    private int start;

    private StreamCapture(InputStream in, int limit, boolean keepTail, String name) {
        this.buffer = new byte[Math.max(1, limit)];
        this.keepTail = keepTail;
        this.thread = Thread.ofVirtual().name(name).start(() -> drain(in));
    }

    public static StreamCapture head(InputStream in, int limit, String name) {
        return new StreamCapture(in, limit, false, name);
    }

    public static StreamCapture tail(InputStream in, int limit, String name) {
        return new StreamCapture(in, limit, true, name);
    }

    private void drain(InputStream in) {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) append(chunk, n);
        } catch (IOException e) {
            // the process was killed or closed the stream: keep what arrived
        }
    }

    private synchronized void append(byte[] chunk, int n) {
        total += n;
        for (int i = 0; i < n; i++) {
            if (size < buffer.length) {
                buffer[(start + size++) % buffer.length] = chunk[i];
            } else if (keepTail) {
                buffer[start] = chunk[i];
                start = (start + 1) % buffer.length;
            } else {
                return;
            }
        }
    }

    /** Waits up to {@code grace} for the stream to end; a background child may keep it open. */
    public boolean await(Duration grace) throws InterruptedException {
        return thread.join(grace);
    }

    public synchronized boolean overflowed() {
        return total > buffer.length;
    }

    public synchronized String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** The bytes kept so far, in stream order (for callers that cut text on a character boundary). */
    public synchronized byte[] bytes() {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) out[i] = buffer[(start + i) % buffer.length];
        return out;
    }
}
