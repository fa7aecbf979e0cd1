package dev.baton.provider.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * A response body of {@link BatonHttpTransport} read from its connection as it arrives, framed by
 * the head. At the body's end the connection goes back to the pool (when the answer allows
 * keep-alive); on any failure it is closed. Closing the stream before the end reads on only what
 * has already arrived (a chunked body's terminator just after the last event, as a rule): if that
 * reaches the end the connection is kept, otherwise it is closed.
 */
final class HttpBody extends InputStream {

    /** What a close before the end may still read, of bytes already arrived, to keep the connection. */
    static final int DRAIN_BYTES = 16 * 1024;
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final HttpConnection connection;
    private final HttpConnection.Head head;
    private final BatonHttpTransport owner;
    /** Bytes left of a length-framed body, or of the current chunk. */
    private long remaining;
    private boolean inChunk;
    private boolean done;
    private boolean closed;
    private final byte[] single = new byte[1];

    HttpBody(HttpConnection connection, HttpConnection.Head head, BatonHttpTransport owner) {
        this.connection = connection;
        this.head = head;
        this.owner = owner;
        this.remaining = Math.max(0, head.length());
        if (head.length() == 0) end();
    }

    /** The whole body, refused past {@code max} bytes. */
    byte[] readAll(int max) throws IOException {
        long length = head.length();
        if (length > max) {
            fail();
            throw new TransportException(TransportException.Kind.OTHER, "an answer larger than " + max + " bytes", null);
        }
        if (length >= 0) {
            byte[] all = readNBytes((int) length);
            if (all.length < length) throw new EOFException("the connection closed before the body's end");
            return all;
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(8192);
        byte[] chunk = new byte[8192];
        for (int n; (n = read(chunk, 0, chunk.length)) >= 0; ) {
            if (all.size() + n > max) {
                fail();
                throw new TransportException(TransportException.Kind.OTHER, "an answer larger than " + max + " bytes", null);
            }
            all.write(chunk, 0, n);
        }
        return all.toByteArray();
    }

    @Override
    public int read() throws IOException {
        byte[] one = single;
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) throw new IOException("the body stream is closed");
        if (done) return -1;
        if (len == 0) return 0;
        try {
            int n = framed(b, off, len);
            if (n < 0) end();
            return n;
        } catch (IOException | RuntimeException e) {
            fail();
            throw e;
        }
    }

    private int framed(byte[] b, int off, int len) throws IOException {
        long length = head.length();
        if (length == -2) return connection.read(b, off, len);
        if (length == -1 && remaining == 0 && !nextChunk()) return -1;
        int n = connection.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) throw new EOFException("the connection closed before the body's end");
        remaining -= n;
        // a length-framed body ends with its last byte: the connection goes back at once
        if (length >= 0 && remaining == 0) end();
        return n;
    }

    /** Reads the next chunk's size; false at the last (empty) chunk, its trailers read. */
    private boolean nextChunk() throws IOException {
        if (inChunk && !connection.framingLine().isEmpty()) throw HttpConnection.malformed("a malformed chunked body");
        String line = connection.framingLine();
        int semi = line.indexOf(';');
        String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
        long size;
        try {
            size = hex.isEmpty() || hex.length() > 15 ? -1 : Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 0) throw HttpConnection.malformed("a malformed chunk size");
        if (size == 0) {
            int trailers = 0;
            while (!connection.framingLine().isEmpty()) {
                if (++trailers > 100) throw HttpConnection.malformed("too many trailer lines");
            }
            return false;
        }
        inChunk = true;
        remaining = size;
        return true;
    }

    private void end() {
        if (done) return;
        done = true;
        owner.release(connection, head.keepAlive());
    }

    private void fail() {
        done = true;
        connection.close();
    }

    @Override
    public void close() {
        if (closed) return;
        if (!done && head.length() != -2 && !Thread.currentThread().isInterrupted()) drainArrived();
        closed = true;
        if (!done) fail();
    }

    /** Reads on what has already arrived, within bounds, hoping to reach the body's end. */
    private void drainArrived() {
        connection.begin(System.nanoTime() + DRAIN_NANOS);
        byte[] scratch = new byte[1024];
        try {
            for (int budget = DRAIN_BYTES; !done && budget > 0 && connection.readable(); ) {
                int n = read(scratch, 0, scratch.length);
                if (n < 0) break;
                budget -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the connection is closed by read's failure; nothing left to keep
        }
    }
}
