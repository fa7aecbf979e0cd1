package dev.baton.context.memory;

import java.util.List;
import java.util.Optional;

/** The facts of one project, persisted. Thread-safe. */
public interface FactStore extends AutoCloseable {

    /** Sets a fact, replacing the one with the same key. */
    void put(Fact fact);

    /** The fact with this key, if set. */
    Optional<Fact> get(String key);

    /** Every fact, by key. */
    List<Fact> list();

    /** Removes a fact; false when it was not set. */
    boolean forget(String key);

    @Override
    void close();
}
