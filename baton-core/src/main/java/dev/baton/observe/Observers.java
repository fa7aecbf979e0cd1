package dev.baton.observe;

import dev.baton.error.ErrorCode;
import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;
import dev.baton.usage.UsageRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The observers of one {@link dev.baton.Baton}: add one with {@link #add}, remove it by closing
 * what {@code add} returned. Itself a {@link BatonObserver} that tells each of them, dropping an
 * observer's exception so the observed call goes on. Thread-safe; telling costs one volatile
 * read when nobody listens.
 */
public final class Observers implements BatonObserver, RunListener {

    private final List<BatonObserver> observers = new CopyOnWriteArrayList<>();

    /** Starts telling {@code observer}; closing the returned handle stops it. */
    public AutoCloseable add(BatonObserver observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
    }

    /** Whether any observer is registered. */
    public boolean isEmpty() {
        return observers.isEmpty();
    }

    @Override
    public void callRecorded(UsageRecord record) {
        for (BatonObserver o : observers) {
            try {
                o.callRecorded(record);
            } catch (RuntimeException ignored) {
                // an observer's failure must not fail the call it observes
            }
        }
    }

    @Override
    public void retrying(String profile, String provider, String model, ErrorCode code) {
        for (BatonObserver o : observers) {
            try {
                o.retrying(profile, provider, model, code);
            } catch (RuntimeException ignored) {
                // an observer's failure must not fail the call it observes
            }
        }
    }

    @Override
    public void runEvent(RunEvent event) {
        for (BatonObserver o : observers) {
            try {
                o.runEvent(event);
            } catch (RuntimeException ignored) {
                // an observer's failure must not fail the run it observes
            }
        }
    }

    /** As the engine's run listener: every event of a top-level run. */
    @Override
    public void onEvent(RunEvent event) {
        runEvent(event);
    }
}
