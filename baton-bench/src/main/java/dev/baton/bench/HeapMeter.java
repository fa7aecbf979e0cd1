package dev.baton.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap figures for the scale harness. {@link #liveAfterGc()} forces a full collection and reads
 * the heap in use, i.e. the live set; {@link #samplePeak()} polls the heap in use every
 * millisecond on a platform daemon thread until stopped, i.e. live data plus garbage not yet
 * collected (an upper bound).
 */
final class HeapMeter {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    long used() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Heap in use after two forced full collections (the second catches what the first finalised). */
    long liveAfterGc() {
        System.gc();
        System.gc();
        return used();
    }

    /** Starts polling; {@link Sampler#stop()} returns the highest heap in use seen. */
    Sampler samplePeak() {
        return new Sampler();
    }

    final class Sampler {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        private Sampler() {
            thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                while (running) {
                    peak.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.accumulateAndGet(used(), Math::max);
        }
    }
}
