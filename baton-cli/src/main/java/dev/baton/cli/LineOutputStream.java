package dev.baton.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Bytes written a line at a time to a {@link PrintWriter} (the command's stdout), each line decoded
 * whole as UTF-8 and flushed at once: the MCP stdio transport writes one JSON-RPC message per line,
 * and a line must neither wait in a buffer nor be split inside a multi-byte character.
 */
final class LineOutputStream extends OutputStream {

    private final PrintWriter out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** Several SDK threads write messages; a lock, not {@code synchronized}, around the I/O (DESIGN 5). */
    private final ReentrantLock lock = new ReentrantLock();

    LineOutputStream(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        lock.lock();
        try {
            put(b);
        } finally {
            lock.unlock();
        }
    }

    private void put(int b) {
        if (b == '\n') {
            out.print(line.toString(StandardCharsets.UTF_8));
            out.print('\n');
            out.flush();
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        lock.lock();
        try {
            for (int i = off; i < off + len; i++) put(b[i]);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        out.flush();
    }
}
