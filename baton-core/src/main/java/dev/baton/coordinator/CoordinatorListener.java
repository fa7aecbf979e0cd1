package dev.baton.coordinator;

/** Hears a request's events as they happen, on the threads that cause them; must not block long. */
@FunctionalInterface
public interface CoordinatorListener {

    CoordinatorListener NONE = event -> { };

    void onEvent(CoordinatorEvent event);
}
