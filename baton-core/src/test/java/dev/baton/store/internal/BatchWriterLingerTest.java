package dev.baton.store.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's group commit adapts to load: after a batch of at least {@link BatchWriter#BUSY_BATCH}
 * ops it lingers {@link BatchWriter#BUSY_LINGER_NANOS} for the next one, after a small batch the
 * short {@link BatchWriter#LINGER_NANOS} again.
 */
class BatchWriterLingerTest {

    @Test
    void given_a_busy_batch_then_the_writer_lingers_longer_and_after_a_small_one_it_lingers_short_again(@TempDir Path dir)
            throws Exception {
        BatchWriter writer = new BatchWriter(new WriteContext(DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w.db"))),
                "test-writer");
        try {
            assertThat(writer.lingerNanos()).isEqualTo(BatchWriter.LINGER_NANOS);
            // hold the writer inside a batch while a busy batch's worth of ops queues behind it
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Object> held = CompletableFuture.supplyAsync(() -> writer.call(c -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "held";
            }));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            CountDownLatch busyCommitted = new CountDownLatch(1);
            for (int i = 0; i < BatchWriter.BUSY_BATCH * 4 - 1; i++) writer.submit(c -> { });
            writer.submit(committed(busyCommitted));
            release.countDown();
            assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo("held");

            assertThat(busyCommitted.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.lingerNanos()).as("after a busy batch").isEqualTo(BatchWriter.BUSY_LINGER_NANOS);

            assertThat(writer.<String>call(c -> "answered")).isEqualTo("answered");
            assertThat(writer.lingerNanos()).as("after a batch of one").isEqualTo(BatchWriter.LINGER_NANOS);
        } finally {
            writer.close();
        }
    }

    private static WriteOp committed(CountDownLatch latch) {
        return new WriteOp() {
            @Override
            public void apply(WriteContext context) {
            }

            @Override
            public void committed() {
                latch.countDown();
            }
        };
    }
}
