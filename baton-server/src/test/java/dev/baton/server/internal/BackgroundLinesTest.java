package dev.baton.server.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BackgroundLinesTest {

    @Test
    void every_line_of_many_callers_is_written_once_and_each_callers_lines_in_order() throws Exception {
        Sink out = new Sink();
        BackgroundLines lines = new BackgroundLines(out, "test-lines");
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            int caller = c;
            callers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2_000; i++) lines.accept(caller + ":" + i);
            }));
        }
        for (Thread t : callers) t.join();
        lines.close();

        String[] written = out.text().split("\n");
        assertThat(written).hasSize(8 * 2_000);
        int[] next = new int[8];
        for (String line : written) {
            int colon = line.indexOf(':');
            int caller = Integer.parseInt(line.substring(0, colon));
            assertThat(Integer.parseInt(line.substring(colon + 1))).as("caller %d's next line", caller).isEqualTo(next[caller]++);
        }
    }

    @Test
    void a_line_is_written_within_a_short_while_without_close() throws Exception {
        Sink out = new Sink();
        try (BackgroundLines lines = new BackgroundLines(out, "test-lines")) {
            lines.accept("one");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // generous: a busy machine
            while (System.nanoTime() < until && !out.text().equals("one\n")) Thread.sleep(1);
            assertThat(out.text()).isEqualTo("one\n");
            assertThat(out.flushes.get()).isPositive();
        }
    }

    @Test
    void after_a_busy_batch_the_thread_lingers_longer_and_after_a_small_one_short_again() throws Exception {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        Sink out = new Sink(gate);
        try (BackgroundLines lines = new BackgroundLines(out, "test-lines")) {
            assertThat(lines.lingerNanos()).isEqualTo(BackgroundLines.LINGER_NANOS);
            lines.accept("first"); // its write waits at the gate while a busy batch queues behind it
            int busy = BackgroundLines.BUSY_BATCH * 3;
            for (int i = 0; i < busy; i++) lines.accept("line " + i);
            gate.countDown();
            awaitLines(out, 1 + busy);
            assertThat(lines.lingerNanos()).as("after a busy batch").isEqualTo(BackgroundLines.BUSY_LINGER_NANOS);

            lines.accept("last");
            awaitLines(out, 2 + busy);
            assertThat(lines.lingerNanos()).as("after a batch of one").isEqualTo(BackgroundLines.LINGER_NANOS);
        }
    }

    private static void awaitLines(Sink out, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until && out.text().split("\n").length < n) Thread.sleep(1);
        assertThat(out.text().split("\n")).hasSize(n);
    }

    /**
     * Bytes written by the lines' thread and read by the test, under one lock; flushes counted.
     * Writes wait until {@code gate} opens (at once by default).
     */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final java.util.concurrent.CountDownLatch gate;
        final AtomicInteger flushes = new AtomicInteger();

        Sink() {
            this(new java.util.concurrent.CountDownLatch(0));
        }

        Sink(java.util.concurrent.CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                bytes.write(b, off, len);
            }
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
