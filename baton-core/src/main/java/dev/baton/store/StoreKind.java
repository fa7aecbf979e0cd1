package dev.baton.store;

import java.util.Locale;

/** Which database holds the store. */
public enum StoreKind {
    /** One file on this machine (the default): one user, several processes. */
    SQLITE,
    /** A PostgreSQL server: shared by every replica pointed at it. */
    POSTGRES;

    /** The name written in {@code store.kind}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
