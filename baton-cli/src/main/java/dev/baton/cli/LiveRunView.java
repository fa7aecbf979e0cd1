package dev.baton.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code rich} view of a run: the dependency tree redrawn in place a few times a second
 * (ANSI cursor movement, cursor hidden while drawing) until {@link #finish()} draws it one last
 * time. When {@code animate} is false (output is not a terminal) nothing moves: only the final
 * tree is printed. Drawing happens on its own thread, never on the engine's.
 */
final class LiveRunView implements AutoCloseable {

    private static final Duration TICK = Duration.ofMillis(125);
    private static final String HIDE_CURSOR = "\u001b[?25l";
    private static final String SHOW_CURSOR = "\u001b[?25h";

    /** The lines to draw at an instant. */
    private final java.util.function.Function<java.time.Instant, List<String>> lines;
    private final PrintWriter out;
    private final boolean animate;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private int drawnLines;
    private boolean finished;
    private Thread ticker;

    LiveRunView(RunProgress progress, RunTreeRenderer renderer, PrintWriter out, boolean animate, Clock clock) {
        this(at -> renderer.render(progress.snapshot(), at), out, animate, clock);
    }

    /** A view of whatever {@code lines} renders (the coordinator's job list). */
    LiveRunView(java.util.function.Function<java.time.Instant, List<String>> lines, PrintWriter out, boolean animate, Clock clock) {
        this.lines = lines;
        this.out = out;
        this.animate = animate;
        this.clock = clock;
    }

    /** Starts redrawing (when animating). */
    LiveRunView start() {
        if (!animate) return this;
        out.print(HIDE_CURSOR);
        draw();
        ticker = Thread.ofVirtual().name("baton-live-view").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(TICK);
                    draw();
                }
            } catch (InterruptedException stop) {
                // finish() stops the ticker
            }
        });
        return this;
    }

    /** Stops redrawing and draws the final tree. Idempotent. */
    void finish() {
        Thread t = ticker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try {
            if (finished) return;
            drawLocked();
            finished = true;
            if (animate) out.print(SHOW_CURSOR);
            out.flush();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code question} (a terminal approval prompt) with drawing paused, so the redraw does
     * not overwrite it; the next draw starts below what it printed.
     */
    <T> T paused(java.util.function.Supplier<T> question) {
        lock.lock();
        try {
            if (animate && !finished) out.print(SHOW_CURSOR);
            out.flush();
            return question.get();
        } finally {
            drawnLines = 0;
            if (animate && !finished) out.print(HIDE_CURSOR);
            lock.unlock();
        }
    }

    @Override
    public void close() {
        finish();
    }

    private void draw() {
        lock.lock();
        try {
            if (!finished) drawLocked();
        } finally {
            lock.unlock();
        }
    }

    private void drawLocked() {
        List<String> lines = this.lines.apply(clock.instant());
        StringBuilder sb = new StringBuilder();
        if (animate && drawnLines > 0) sb.append("\u001b[").append(drawnLines).append('A');
        for (String line : lines) {
            if (animate) sb.append("\r\u001b[2K");
            sb.append(line).append('\n');
        }
        if (animate) sb.append("\u001b[J");
        out.print(sb);
        out.flush();
        drawnLines = lines.size();
    }
}
