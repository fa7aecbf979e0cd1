package dev.baton.server.internal;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body declares no length (chunked): reading past {@code limit} bytes fails with
 * an {@link IOException} naming the limit, so a streamed body cannot exceed what a declared one may.
 */
final class LimitedRequest extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;

    LimitedRequest(HttpServletRequest request, long limit) {
        super(request);
        this.limit = limit;
    }

    @Override
    public synchronized ServletInputStream getInputStream() throws IOException {
        if (stream == null) stream = new Counting(super.getInputStream(), limit);
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String enc = getCharacterEncoding();
        Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
        return new BufferedReader(new InputStreamReader(getInputStream(), cs));
    }

    /** The servlet's stream, read through a {@link LimitedInputStream} (one rule for both kinds of route). */
    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final LimitedInputStream counted;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.counted = new LimitedInputStream(in, limit);
        }

        @Override
        public int read() throws IOException {
            return counted.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
