package dev.baton.store.internal;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.util.Locale;

import javax.sql.DataSource;

/**
 * Runs Flyway on a store. A class of its own so that Flyway's classes are loaded only when a
 * migration is due, not on every start ({@link StoreMigrations}).
 */
final class FlywayMigrator {

    private FlywayMigrator() {
    }

    /**
     * Applies the pending migrations of {@code dialect}. A schema without Flyway's history table is
     * baselined at {@code baseline} first when it already holds tables (a SQLite file from before
     * the migrations, or a PostgreSQL schema shared with other tables; "0" applies every migration).
     */
    static void migrate(DataSource dataSource, Dialect dialect, String baseline, String store) {
        try {
            Flyway.configure(FlywayMigrator.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:dev/baton/store/migration/" + dialect.name().toLowerCase(Locale.ROOT))
                    .table(StoreMigrations.HISTORY)
                    .baselineOnMigrate(true)
                    .baselineVersion(baseline)
                    .baselineDescription("existing Baton store")
                    .validateOnMigrate(true)
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IllegalStateException("cannot migrate " + store + ": " + message, e);
        }
    }
}
