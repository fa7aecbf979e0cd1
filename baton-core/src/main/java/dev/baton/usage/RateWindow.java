package dev.baton.usage;

import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Requests and tokens of the last 60 seconds for one scope key, in one-second slots, with
 * limits per minute. Tokens are reserved at the worst case and corrected when the call settles.
 * Per process: the store is not consulted (a per-call database round trip would cost more than
 * the limit protects).
 */
final class RateWindow {

    private static final int SLOTS = 60;

    private final long rpm;
    private final long tpm;
    private final ReentrantLock lock = new ReentrantLock();
    private final long[] slotSecond = new long[SLOTS];
    private final long[] requests = new long[SLOTS];
    private final long[] tokens = new long[SLOTS];

    /** Negative limits mean none. */
    RateWindow(long rpm, long tpm) {
        this.rpm = rpm;
        this.tpm = tpm;
    }

    long rpm() {
        return rpm;
    }

    long tpm() {
        return tpm;
    }

    /**
     * Counts one request of up to {@code worstTokens}; returns {@code null} when it fits or the
     * instant the window frees enough room.
     */
    Instant tryAcquire(Instant now, long worstTokens) {
        long second = now.getEpochSecond();
        lock.lock();
        try {
            long reqs = 0;
            long toks = 0;
            for (int i = 0; i < SLOTS; i++) {
                if (second - slotSecond[i] < SLOTS) {
                    reqs += requests[i];
                    toks += tokens[i];
                }
            }
            boolean requestsFit = rpm < 0 || reqs + 1 <= rpm;
            boolean tokensFit = tpm < 0 || toks + worstTokens <= tpm || toks == 0;
            if (!requestsFit || !tokensFit) return oldestSlotExpiry(second);
            int slot = slot(second);
            requests[slot]++;
            tokens[slot] += worstTokens;
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the reserved token count of a request counted at {@code reservedAt} by the actual one. */
    void settle(Instant reservedAt, long reservedTokens, long actualTokens) {
        long second = reservedAt.getEpochSecond();
        lock.lock();
        try {
            int slot = (int) Math.floorMod(second, (long) SLOTS);
            if (slotSecond[slot] == second) tokens[slot] = Math.max(0, tokens[slot] - reservedTokens + actualTokens);
        } finally {
            lock.unlock();
        }
    }

    /** Takes back a request that was refused elsewhere. */
    void cancel(Instant reservedAt, long reservedTokens) {
        long second = reservedAt.getEpochSecond();
        lock.lock();
        try {
            int slot = (int) Math.floorMod(second, (long) SLOTS);
            if (slotSecond[slot] == second) {
                requests[slot] = Math.max(0, requests[slot] - 1);
                tokens[slot] = Math.max(0, tokens[slot] - reservedTokens);
            }
        } finally {
            lock.unlock();
        }
    }

    private int slot(long second) {
        int slot = (int) Math.floorMod(second, (long) SLOTS);
        if (slotSecond[slot] != second) {
            slotSecond[slot] = second;
            requests[slot] = 0;
            tokens[slot] = 0;
        }
        return slot;
    }

    private Instant oldestSlotExpiry(long second) {
        long oldest = second;
        for (int i = 0; i < SLOTS; i++) {
            if (second - slotSecond[i] < SLOTS && (requests[i] > 0 || tokens[i] > 0)) oldest = Math.min(oldest, slotSecond[i]);
        }
        return Instant.ofEpochSecond(oldest + SLOTS);
    }
}
