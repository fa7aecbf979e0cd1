package dev.baton.server.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A body that declared no length, cut at {@code limit} bytes: reading past it fails naming the limit. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    private int count(int n) throws IOException {
        if (n > 0) {
            read += n;
            if (read > limit) throw new IOException("request body is over the limit of " + limit + " bytes (server.max_request_bytes)");
        }
        return n;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) count(1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return count(in.read(b, off, len));
    }
}
