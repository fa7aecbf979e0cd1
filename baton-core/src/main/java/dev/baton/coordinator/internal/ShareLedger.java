package dev.baton.coordinator.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits one budget (USD or milliseconds) over a plan's jobs by their normalised shares. A job
 * starting gets the unallocated remainder times its share over the shares of the jobs not
 * started yet (itself included), where the remainder is the total less what finished jobs used
 * and what running jobs hold. So the jobs of a plan started together get exactly their shares,
 * and what a finished job left unspent flows to the jobs still queued. The allocations never add
 * up to more than the total. Thread-safe.
 */
final class ShareLedger {

    private final double total;
    private final double[] shares;
    private final boolean[] started;
    private final ReentrantLock lock = new ReentrantLock();
    private double used;
    private double held;

    /** {@code weights}: one per job, non-negative; all zero means equal shares. */
    ShareLedger(double total, double[] weights) {
        this.total = total;
        this.shares = normalised(weights);
        this.started = new boolean[weights.length];
    }

    /** The normalised share of job {@code i} (the shares sum to 1). */
    double share(int i) {
        return shares[i];
    }

    static double[] normalised(double[] weights) {
        double sum = 0;
        for (double w : weights) sum += Math.max(0, w);
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = sum > 0 ? Math.max(0, weights[i]) / sum : 1.0 / weights.length;
        }
        return out;
    }

    /** Allocates job {@code i}'s part of what is left; returns it. */
    double allocate(int i) {
        lock.lock();
        try {
            if (started[i]) throw new IllegalStateException("job " + i + " already has its allocation");
            double pending = 0;
            for (int j = 0; j < shares.length; j++) if (!started[j]) pending += shares[j];
            started[i] = true;
            double available = Math.max(0, total - used - held);
            double part = pending <= 0 ? available : available * shares[i] / pending;
            held += part;
            return part;
        } finally {
            lock.unlock();
        }
    }

    /** Job with {@code allocated} ended having used {@code spent}: its hold is replaced by its use. */
    void settle(double allocated, double spent) {
        lock.lock();
        try {
            held -= allocated;
            used += Math.max(0, spent);
        } finally {
            lock.unlock();
        }
    }
}
