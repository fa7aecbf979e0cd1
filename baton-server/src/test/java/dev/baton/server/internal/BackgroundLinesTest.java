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

    /** Bytes written by the lines' thread and read by the test, under one lock; flushes counted. */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger flushes = new AtomicInteger();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
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
