package dev.baton.server.internal;

import dev.baton.server.Caller;
import dev.baton.server.Exchange;
import dev.baton.server.Routes;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/** An {@link Exchange} over a servlet request and response; one per request, kept as a request attribute. */
public final class ServletExchange implements Exchange {

    private static final String ATTRIBUTE = "dev.baton.server.exchange";

    private HttpServletRequest request;
    private final HttpServletResponse response;

    private ServletExchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    /** The exchange of {@code request}: the one the guards made for it, else a new one. */
    public static ServletExchange of(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(ATTRIBUTE) instanceof ServletExchange x) return x;
        ServletExchange x = new ServletExchange(request, response);
        request.setAttribute(ATTRIBUTE, x);
        return x;
    }

    /** The request as the guards left it (an undeclared body wrapped in its limit). */
    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public @Nullable String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public Iterable<String> headerNames() {
        return Collections.list(request.getHeaderNames());
    }

    @Override
    public long contentLength() {
        return request.getContentLengthLong();
    }

    @Override
    public InputStream body() throws IOException {
        return request.getInputStream();
    }

    @Override
    public void limitBody(long maxBytes) {
        if (request.getContentLengthLong() < 0) request = new LimitedRequest(request, maxBytes);
    }

    @Override
    public Caller caller() {
        return Caller.of(request);
    }

    @Override
    public void caller(Caller caller) {
        request.setAttribute(Caller.ATTRIBUTE, caller);
    }

    @Override
    public String route() {
        return Routes.of(request);
    }

    @Override
    public void route(String template) {
        Routes.name(request, template);
    }

    @Override
    public @Nullable String mappingPattern() {
        var mapping = request.getHttpServletMapping();
        return mapping == null ? null : mapping.getPattern();
    }

    @Override
    public int status() {
        return response.getStatus();
    }

    @Override
    public void status(int status) {
        response.setStatus(status);
    }

    @Override
    public void header(String name, String value) {
        response.setHeader(name, value);
    }

    @Override
    public void contentType(String type) {
        response.setContentType(type);
        response.setCharacterEncoding("UTF-8");
    }

    @Override
    public boolean committed() {
        return response.isCommitted();
    }

    @Override
    public void resetBuffer() {
        response.resetBuffer();
    }

    @Override
    public OutputStream output() throws IOException {
        try {
            return response.getOutputStream();
        } catch (IllegalStateException writerInUse) {
            // the servlet had already taken the writer: answer through it
            PrintWriter writer = response.getWriter();
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writer.write(new String(b, off, len, StandardCharsets.UTF_8)); // whole documents only: errors are written in one piece
                }

                @Override
                public void flush() {
                    writer.flush();
                }
            };
        }
    }

    @Override
    public boolean async() {
        return request.isAsyncStarted();
    }

    @Override
    public void onAsyncComplete(Runnable action) {
        request.getAsyncContext().addListener(new AsyncListener() {
            @Override public void onComplete(AsyncEvent event) { action.run(); }
            @Override public void onTimeout(AsyncEvent event) { }
            @Override public void onError(AsyncEvent event) { }
            @Override public void onStartAsync(AsyncEvent event) { }
        });
    }
}
