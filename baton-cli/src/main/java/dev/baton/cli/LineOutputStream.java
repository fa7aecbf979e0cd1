package dev.baton.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written a line at a time to a {@link PrintWriter} (the command's stdout), each line decoded
 * whole as UTF-8 and flushed at once: the MCP stdio transport writes one JSON-RPC message per line,
 * and a line must neither wait in a buffer nor be split inside a multi-byte character.
 */
final class LineOutputStream extends OutputStream {

    private final PrintWriter out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineOutputStream(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void write(int b) {
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
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) write(b[i]);
    }

    @Override
    public synchronized void flush() {
        out.flush();
    }
}
