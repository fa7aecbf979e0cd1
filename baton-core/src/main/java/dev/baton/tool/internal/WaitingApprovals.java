package dev.baton.tool.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.tool.Approver;
import dev.baton.tool.ToolApproval;
import dev.baton.tool.ToolApproval.Status;
import dev.baton.tool.ToolApprovals;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link ToolApprovals} in memory. Each parked call owns a future that is completed exactly once
 * — by a decision, by its timeout or by its run's cancellation, whichever comes first — so the
 * race between a person deciding and the wait ending has one winner, and the loser sees what won.
 * The last {@value #KEEP_DECIDED} decisions are remembered for {@link #DECIDED_RETENTION}.
 */
public final class WaitingApprovals implements ToolApprovals {

    private static final Logger LOG = LoggerFactory.getLogger(WaitingApprovals.class);
    static final int KEEP_DECIDED = 1000;
    static final Duration DECIDED_RETENTION = Duration.ofHours(1);

    /**
     * One waiting call: what was asked, its order, who hears about it, and its one outcome.
     * {@code told} orders the listeners' events of one approval: a decision that lands between the
     * approval becoming pending and {@code requested} being told waits for the telling, so no
     * listener hears {@code decided} before {@code requested}.
     */
    private record Parked(ToolApproval asked, long seq, Listener own, CompletableFuture<ToolApproval> settled,
                          ReentrantLock told) {
    }

    private final Duration timeout;
    private final Clock clock;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, Parked> pending = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Decided approvals, oldest first; a lock rather than synchronized so a virtual thread never pins on it. */
    private final ReentrantLock decidedLock = new ReentrantLock();
    private final LinkedHashMap<String, ToolApproval> decided = new LinkedHashMap<>();

    public WaitingApprovals(Duration timeout, Clock clock) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("the approval timeout must be positive");
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public Approver approver(String runId, @Nullable String owner, Listener listener) {
        return request -> await(request, runId, owner, listener);
    }

    private Approver.Decision await(Approver.Request r, String runId, @Nullable String owner, Listener own) {
        Instant now = clock.instant();
        String why = r.why().isBlank()
                ? "the tool permissions leave calls of '" + r.tool() + "' (" + r.category().id() + ") to a person" : r.why();
        ToolApproval asked = new ToolApproval("apr_" + UUID.randomUUID().toString().replace("-", ""), runId, owner,
                r.agent(), r.tool(), r.category(), r.arguments(), why, now, now.plus(timeout), Status.PENDING, null, null);
        Parked p = new Parked(asked, seq.incrementAndGet(), own, new CompletableFuture<>(), new ReentrantLock());
        p.told().lock();
        try {
            pending.put(asked.id(), p);
            tell(p, l -> l.requested(asked));
        } finally {
            p.told().unlock();
        }
        try {
            return p.settled().get(timeout.toNanos(), TimeUnit.NANOSECONDS).decision();
        } catch (TimeoutException e) {
            settle(p, Status.TIMED_OUT, Approver.Decision.deny(TIMED_OUT_BY, "nobody approved the call of tool '" + r.tool()
                    + "' within " + human(timeout) + " (tools.approval_timeout), so it was denied"));
            return p.settled().join().decision();
        } catch (InterruptedException e) {
            settle(p, Status.CANCELLED, Approver.Decision.deny(CANCELLED_BY, "the run was cancelled while the call of tool '"
                    + r.tool() + "' waited for approval"));
            Thread.currentThread().interrupt();
            return p.settled().join().decision();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an approval is never completed exceptionally", e.getCause());
        }
    }

    @Override
    public List<ToolApproval> pending() {
        return pending.values().stream().sorted(Comparator.comparingLong(Parked::seq)).map(Parked::asked).toList();
    }

    @Override
    public Optional<ToolApproval> find(String id) {
        Parked p = pending.get(id);
        if (p != null) return Optional.of(p.settled().getNow(p.asked()));
        decidedLock.lock();
        try {
            return Optional.ofNullable(decided.get(id));
        } finally {
            decidedLock.unlock();
        }
    }

    @Override
    public ToolApproval decide(String id, Approver.Decision decision) {
        Parked p = pending.get(id);
        if (p == null) {
            ToolApproval known = find(id).orElseThrow(() -> new BatonException(ErrorCode.NOT_FOUND,
                    "no pending tool approval '" + id + "'"));
            throw already(known);
        }
        Approver.Decision d = decision;
        if (!d.allowed() && d.reason().isBlank()) {
            d = Approver.Decision.deny(d.decidedBy(), d.decidedBy() + " denied the call of tool '" + p.asked().tool() + "'");
        }
        ToolApproval done = settle(p, d.allowed() ? Status.APPROVED : Status.DENIED, d);
        if (done == null) throw already(p.settled().join());
        return done;
    }

    @Override
    public AutoCloseable listen(Listener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Completes {@code p} as {@code status}; null when something else completed it first. */
    private @Nullable ToolApproval settle(Parked p, Status status, Approver.Decision d) {
        ToolApproval done = p.asked().decided(status, d, clock.instant());
        if (!p.settled().complete(done)) return null;
        remember(done);
        pending.remove(done.id());
        p.told().lock();
        try {
            tell(p, l -> l.decided(done));
        } finally {
            p.told().unlock();
        }
        return done;
    }

    private void remember(ToolApproval done) {
        decidedLock.lock();
        try {
            decided.put(done.id(), done);
            Instant cutoff = clock.instant().minus(DECIDED_RETENTION);
            Iterator<ToolApproval> oldest = decided.values().iterator();
            while (oldest.hasNext()) {
                ToolApproval a = oldest.next();
                if (decided.size() <= KEEP_DECIDED && a.decidedAt() != null && !a.decidedAt().isBefore(cutoff)) break;
                oldest.remove();
            }
        } finally {
            decidedLock.unlock();
        }
    }

    private static BatonException already(ToolApproval a) {
        Approver.Decision d = a.decision();
        String by = d == null ? "" : " by " + d.decidedBy();
        return BatonException.builder(ErrorCode.IDEMPOTENCY_CONFLICT, "tool approval '" + a.id() + "' was already decided: "
                + a.status().wire() + by + (a.decidedAt() == null ? "" : " at " + a.decidedAt())).build();
    }

    private void tell(Parked p, java.util.function.Consumer<Listener> event) {
        notify(p.own(), event);
        for (Listener l : listeners) notify(l, event);
    }

    private static void notify(Listener l, java.util.function.Consumer<Listener> event) {
        try {
            event.accept(l);
        } catch (RuntimeException e) {
            // a broken listener must not break the run waiting here or the person deciding
            LOG.warn("a tool approval listener failed: {}", e.toString());
        }
    }

    private static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0) return (ms / 60_000) + " min";
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }
}
