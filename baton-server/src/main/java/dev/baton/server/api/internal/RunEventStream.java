package dev.baton.server.api.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /api/v1/runs/{id}/events}: the run's events as Server-Sent Events, one frame per
 * event ({@code id:} its number in the run, {@code event:} its type, {@code data:} its JSON), from
 * the first, or from the one after {@code Last-Event-ID} when a client reconnects — so it misses
 * none and gets none twice. The stream ends after {@code run_completed}; while nothing happens a
 * {@code : keep-alive} comment goes out every {@code keepAlive}. When the server stops, waiting
 * streams end at once (the client reconnects with its last id), and so does a stream open for
 * longer than the server's request timeout. Blocks the request's virtual thread.
 */
public final class RunEventStream {

    private final RunRegistry registry;
    private final Duration keepAlive;
    private final Duration maxOpen;
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** @param maxOpen how long one stream may stay open ({@code server.request_timeout}) */
    public RunEventStream(RunRegistry registry, Duration keepAlive, Duration maxOpen) {
        this.registry = registry;
        this.keepAlive = keepAlive;
        this.maxOpen = maxOpen;
    }

    public void mount(ApiRouter router) {
        router.get("/api/v1/runs/{id}/events", this::stream);
    }

    /** Ends every stream waiting for an event (the server is stopping). */
    public void stop() {
        stopping.set(true);
        registry.all().forEach(r -> r.log().wake());
    }

    private void stream(ApiCall call) throws IOException {
        String id = call.param("id");
        ApiRun run = registry.find(id, call.caller().keyId())
                .orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND, "no run '" + id + "' on this server"));
        long last = lastEventId(call);
        HttpServletResponse res = call.response();
        res.setStatus(200);
        res.setContentType("text/event-stream");
        res.setCharacterEncoding("UTF-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no"); // a reverse proxy must not hold events back
        ServletOutputStream out = res.getOutputStream();
        out.write(": run ".concat(id).concat("\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        long lastWrite = System.nanoTime();
        long closeAt = lastWrite + maxOpen.toNanos();
        try {
            while (true) {
                EventLog.Read read = run.log().after(last, keepAlive, stopping::get);
                for (EventLog.Event e : read.events()) {
                    out.write(frame(e));
                    last = e.id();
                }
                if (!read.events().isEmpty()) {
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                if (read.closed() || stopping.get() || System.nanoTime() - closeAt >= 0) return;
                if (System.nanoTime() - lastWrite >= keepAlive.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long lastEventId(ApiCall call) {
        String header = call.request().getHeader("Last-Event-ID");
        if (header == null || header.isBlank()) return 0;
        try {
            long id = Long.parseLong(header.strip());
            if (id >= 0) return id;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiCall.invalid("header 'Last-Event-ID' must be the id of an event of this stream (an integer), not '" + header + "'");
    }

    static byte[] frame(EventLog.Event e) {
        // event JSON is one line (no raw newlines in compact JSON), so one data: line holds it
        return ("id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + e.data() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }
}
