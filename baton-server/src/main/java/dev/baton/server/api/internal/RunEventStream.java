package dev.baton.server.api.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.runs.RunEventLog;
import dev.baton.runs.StoredEvent;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code GET /api/v1/runs/{id}/events}: the run's events as Server-Sent Events, one frame per
 * event ({@code id:} its number in the run, {@code event:} its type, {@code data:} its JSON), from
 * the first, or from the one after {@code Last-Event-ID} when a client reconnects — so it misses
 * none and gets none twice. The stream ends after {@code run_completed}; while nothing happens a
 * {@code : keep-alive} comment goes out every {@code keepAlive}. When the server stops, waiting
 * streams end at once (the client reconnects with its last id), and so does a stream open for
 * longer than the server's request timeout. Blocks the request's virtual thread.
 * <p>
 * The replica running the run serves it from memory. Any other replica reads the store's copy
 * of the log: woken by PostgreSQL {@code NOTIFY} when the run's events are committed (a poll every
 * {@link #NOTIFIED_POLL} is the safety net), or polling every {@link #POLL} where the store cannot
 * notify. The stream ends once the run's record is finished and its events are all sent.
 */
public final class RunEventStream {

    /** How often a reader of another replica's run looks at the store when the store cannot notify. */
    static final Duration POLL = Duration.ofMillis(100);
    /** The same with notifications: only a lost one makes a reader wait this long. */
    static final Duration NOTIFIED_POLL = Duration.ofSeconds(1);
    private static final int PAGE = 500;

    private final RunRegistry registry;
    private final Duration keepAlive;
    private final Duration maxOpen;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final RunSignals signals = new RunSignals();
    /** The store's notifications, listened to from the first stream of another replica's run on (a connection held). */
    private final ReentrantLock listenLock = new ReentrantLock();
    private @Nullable AutoCloseable listening;

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
        signals.signalAll();
        listenLock.lock();
        try {
            if (listening != null) listening.close();
            listening = null;
        } catch (Exception e) {
            // closing a listener only sets a flag and interrupts its thread
        } finally {
            listenLock.unlock();
        }
    }

    /** Starts listening to the store's notifications unless this server already does (or is stopping). */
    private void listen() {
        listenLock.lock();
        try {
            if (listening == null && !stopping.get()) listening = registry.recorder().events().listen(signals::signal);
        } finally {
            listenLock.unlock();
        }
    }

    private void stream(ApiCall call) throws IOException {
        String id = call.param("id");
        RunRegistry.Seen seen = registry.find(id, call.caller().keyId())
                .orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND, "no run '" + id + "' in this server's store"));
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
        if (seen.local() == null) {
            fromStore(out, id, last);
            return;
        }
        ApiRun run = seen.local();
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

    /** Streams the store's copy of another replica's run's log, after id {@code last}. */
    private void fromStore(ServletOutputStream out, String id, long last) throws IOException {
        RunEventLog log = registry.recorder().events();
        if (log.notifiesReplicas()) listen();
        Duration poll = log.notifiesReplicas() ? NOTIFIED_POLL : POLL;
        long lastWrite = System.nanoTime();
        long closeAt = lastWrite + maxOpen.toNanos();
        try {
            while (!stopping.get() && System.nanoTime() - closeAt < 0) {
                CountDownLatch ticket = signals.ticket(id);
                // the state first: a run seen finished has all its events committed before it
                boolean finished = registry.find(id, null).map(s -> s.record().finished()).orElse(true);
                List<StoredEvent> events = log.after(id, last, PAGE);
                for (StoredEvent e : events) {
                    out.write(frame(new EventLog.Event(e.id(), e.type(), e.data())));
                    last = e.id();
                }
                if (!events.isEmpty()) {
                    out.flush();
                    lastWrite = System.nanoTime();
                    if (events.size() == PAGE) continue;
                }
                if (finished) return;
                if (System.nanoTime() - lastWrite >= keepAlive.toNanos()) {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    lastWrite = System.nanoTime();
                }
                RunSignals.await(ticket, poll.compareTo(keepAlive) < 0 ? poll : keepAlive);
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
