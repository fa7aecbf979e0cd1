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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() { // the writer thread and the test read it: one lock for both
            @Override
            public synchronized void write(int b) {
                bytes.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }
        };
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

        String[] written;
        synchronized (out) {
            written = bytes.toString(StandardCharsets.UTF_8).split("\n");
        }
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
        AtomicInteger flushes = new AtomicInteger();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
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
        };
        try (BackgroundLines lines = new BackgroundLines(out, "test-lines")) {
            lines.accept("one");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // generous: a busy machine
            while (System.nanoTime() < until) {
                synchronized (out) {
                    if (bytes.toString(StandardCharsets.UTF_8).equals("one\n")) break;
                }
                Thread.sleep(1);
            }
            synchronized (out) {
                assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("one\n");
            }
            assertThat(flushes.get()).isPositive();
        }
    }
}
