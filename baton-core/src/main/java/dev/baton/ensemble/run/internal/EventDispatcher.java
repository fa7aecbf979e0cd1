package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.run.RunEvent;
import dev.baton.ensemble.run.RunListener;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers a run's events to its listeners one at a time, isolating the run from listener failures. */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<RunListener> listeners;
    private final ReentrantLock lock = new ReentrantLock();

    EventDispatcher(List<RunListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void emit(RunEvent event) {
        if (listeners.isEmpty()) return;
        lock.lock();
        try {
            for (RunListener l : listeners) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("run listener {} failed on {}: {}", l.getClass().getName(), event.type(), e.toString());
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
