package dev.baton.observe;

import dev.baton.error.ErrorCode;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.usage.UsageRecord;

/**
 * Told what a {@link dev.baton.Baton} does, for metrics: every call the usage ledger records,
 * every retry the pipeline makes, and every event of top-level ensemble runs. Methods are called
 * on the thread doing the work: they must return quickly, must not block and should not throw
 * (an exception is dropped so the call it observes goes on).
 */
public interface BatonObserver {

    /** A pipeline call ended (answered or failed) and was handed to the usage ledger. */
    default void callRecorded(UsageRecord record) {
    }

    /**
     * A profile's attempt failed with {@code code} and the pipeline will try the same profile again.
     *
     * @param provider the provider of the deployment retried
     * @param model    the model of the deployment retried
     */
    default void retrying(String profile, String provider, String model, ErrorCode code) {
    }

    /** An event of a top-level ensemble run ({@code run_started}, {@code run_completed}, ...); child runs are not told. */
    default void runEvent(RunEvent event) {
    }
}
