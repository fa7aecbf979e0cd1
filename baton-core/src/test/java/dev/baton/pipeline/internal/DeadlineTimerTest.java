package dev.baton.pipeline.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTimerTest {

    private final DeadlineTimer timer = new DeadlineTimer(Clock.systemUTC());

    @AfterEach
    void close() {
        timer.close();
    }

    private static Instant in(long millis) {
        return Instant.now().plusMillis(millis);
    }

    @Test
    void an_alarm_fires_at_its_deadline_and_reports_it() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        long start = System.nanoTime();
        DeadlineTimer.Alarm alarm = timer.runAt(in(50), fired::countDown);

        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
        assertThat(alarm.fired()).isTrue();
        assertThat(alarm.disarm()).isTrue();
    }

    @Test
    void a_disarmed_alarm_never_fires() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        DeadlineTimer.Alarm alarm = timer.runAt(in(30), runs::incrementAndGet);
        assertThat(alarm.disarm()).isFalse();
        CountDownLatch later = new CountDownLatch(1);
        timer.runAt(in(80), later::countDown);

        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).hasValue(0);
        assertThat(alarm.fired()).isFalse();
    }

    @Test
    void an_earlier_alarm_armed_after_a_later_one_wakes_the_timer_in_time() throws Exception {
        timer.runAt(in(60_000), () -> { });
        Thread.sleep(20); // the timer thread is now asleep towards the one-minute alarm
        CountDownLatch fired = new CountDownLatch(1);
        long start = System.nanoTime();
        timer.runAt(in(20), fired::countDown);

        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void interrupting_the_caller_is_cleared_by_disarm_after_firing() throws Exception {
        DeadlineTimer.Alarm alarm = timer.interruptCallerAt(in(10));
        try {
            Thread.sleep(5_000);
        } catch (InterruptedException expected) {
            // the alarm interrupted this thread, as a blocked HTTP call would be
        }
        Thread.currentThread().interrupt(); // whatever is left set, disarm must clear it
        assertThat(alarm.disarm()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void many_disarmed_alarms_are_swept_and_live_ones_still_fire() throws Exception {
        List<DeadlineTimer.Alarm> alarms = new ArrayList<>();
        for (int i = 0; i < DeadlineTimer.COMPACT_EVERY * 3; i++) alarms.add(timer.runAt(in(3_600_000), () -> { }));
        alarms.forEach(DeadlineTimer.Alarm::disarm);
        CountDownLatch fired = new CountDownLatch(1);
        timer.runAt(in(20), fired::countDown);

        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(alarms).noneMatch(DeadlineTimer.Alarm::fired);
    }

    @Test
    void a_deadline_already_past_fires_at_once_and_a_far_one_does_not_overflow() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        timer.runAt(Instant.now().minusSeconds(5), fired::countDown);
        DeadlineTimer.Alarm far = timer.runAt(Instant.MAX, () -> { });

        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(far.fired()).isFalse();
        assertThat(far.disarm()).isFalse();
    }

    @Test
    void concurrent_arming_from_many_virtual_threads_loses_no_alarm() throws Exception {
        int n = 2_000;
        CountDownLatch fired = new CountDownLatch(n);
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long ms = 5 + (i % 50);
                executor.submit(() -> timer.runAt(in(ms), fired::countDown));
            }
        }
        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
