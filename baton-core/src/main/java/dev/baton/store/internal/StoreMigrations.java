package dev.baton.store.internal;

import dev.baton.store.StoreVersionException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * Brings a store's schema to {@link #LATEST} with the versioned SQL of its dialect
 * ({@code dev/baton/store/migration/<dialect>/V<n>__<what>.sql}, applied by Flyway). Never
 * destructive: migrations only add.
 * <p>
 * Flyway costs a few hundred milliseconds to start, more than a whole {@code baton ask} is allowed
 * to grow, so a plain JDBC look at Flyway's history table comes first and Flyway runs only when
 * the schema is behind (a new file, a new Baton). A database whose schema is newer than this
 * binary's is refused with both versions named. A SQLite file from before the migrations (its
 * schema made by {@link StoreSchema}, versioned by {@code PRAGMA user_version}) is brought to
 * version 3 that way, then baselined there: its data stays where it is.
 */
final class StoreMigrations {

    /** The schema version this binary's migrations end at (the highest {@code V<n>} of each dialect). */
    static final int LATEST = 8;
    /** Flyway's history table, in the store's own schema. */
    static final String HISTORY = "flyway_schema_history";

    private StoreMigrations() {
    }

    /**
     * Checks the schema on {@code connection} and migrates it through {@code dataSource} when it is
     * behind. {@code store} names the database in errors.
     */
    static void apply(Connection connection, Dialect dialect, String store, Supplier<DataSource> dataSource)
            throws SQLException {
        String baseline = pending(connection, dialect, store);
        if (baseline == null) return;
        FlywayMigrator.migrate(dataSource.get(), dialect, baseline, store);
        migrated(connection, dialect, store);
    }

    /**
     * The cheap look: null when the schema is current, else the version to baseline an existing
     * schema without history at ("0": apply every migration). Throws when the schema is newer.
     */
    static String pending(Connection connection, Dialect dialect, String store) throws SQLException {
        Integer current = historyVersion(connection, dialect);
        if (current != null && current == LATEST) return null;
        if (current != null && current > LATEST) throw new StoreVersionException(store, current, LATEST);
        String baseline = "0";
        if (current == null && dialect == Dialect.SQLITE) {
            int legacy = userVersion(connection);
            if (legacy > LATEST) throw new StoreVersionException(store, legacy, LATEST);
            if (legacy > 0) {
                if (legacy < StoreSchema.VERSION) StoreSchema.create(connection);
                baseline = Integer.toString(StoreSchema.VERSION);
            }
        }
        return baseline;
    }

    /** After Flyway ran: refuses a schema a newer binary migrated meanwhile; keeps SQLite's user_version. */
    static void migrated(Connection connection, Dialect dialect, String store) throws SQLException {
        Integer after = historyVersion(connection, dialect);
        if (after != null && after > LATEST) throw new StoreVersionException(store, after, LATEST);
        if (dialect == Dialect.SQLITE) {
            try (Statement s = connection.createStatement()) {
                // older Batons read user_version: they see the schema they know
                s.execute("PRAGMA user_version = " + StoreSchema.VERSION);
            }
        }
    }

    /** The highest successful version in Flyway's history, or null when there is no history table. */
    static Integer historyVersion(Connection connection, Dialect dialect) throws SQLException {
        String exists = dialect == Dialect.SQLITE
                ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + HISTORY + "'"
                : "SELECT count(*) FROM pg_catalog.pg_tables WHERE tablename = '" + HISTORY
                        + "' AND schemaname = current_schema()";
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery(exists)) {
                if (!rs.next() || rs.getInt(1) == 0) return null;
            }
            int max = 0;
            try (ResultSet rs = s.executeQuery("SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL")) {
                while (rs.next()) max = Math.max(max, major(rs.getString(1)));
            }
            return max;
        }
    }

    private static int major(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int userVersion(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
