package dev.baton.store.internal;

import dev.baton.store.StoreSettings;
import dev.baton.testing.PostgresServer;

/** Store databases for tests: each call a fresh, migrated database on the JVM's embedded PostgreSQL. */
public final class TestStores {

    private TestStores() {
    }

    /** A fresh PostgreSQL store database (its own database on the shared server), pool of {@code poolSize}. */
    public static PostgresDatabase freshPostgres(int poolSize) {
        return PostgresDatabase.open(settingsOfFreshDatabase(poolSize));
    }

    /** The settings of a fresh, empty database on the shared server. */
    public static StoreSettings settingsOfFreshDatabase(int poolSize) {
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        return StoreSettings.postgres(db.jdbcUrl(), db.user(), db.password(), poolSize);
    }

    /** Another connection pool (another replica) onto the database of {@code settings}. */
    public static PostgresDatabase open(StoreSettings settings) {
        return PostgresDatabase.open(settings);
    }
}
