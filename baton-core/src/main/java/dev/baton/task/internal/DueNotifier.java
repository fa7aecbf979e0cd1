package dev.baton.task.internal;

import dev.baton.store.internal.PostgresListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL {@code LISTEN/NOTIFY} between replicas: a submission of a task due now sends
 * {@code NOTIFY baton_task_due}, and each worker listening on its own connection wakes its
 * scheduler at once instead of waiting out its polling interval. A lost notification costs at
 * most one polling interval (the poll stays the safety net). The listener reconnects after a
 * dropped connection.
 */
final class DueNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(DueNotifier.class);
    static final String CHANNEL = "baton_task_due";

    private final DataSource ds;

    DueNotifier(DataSource ds) {
        this.ds = ds;
    }

    void notifyDue() {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("notify " + CHANNEL);
            if (!c.getAutoCommit()) c.commit();
        } catch (SQLException e) {
            LOG.debug("notify {}: {}", CHANNEL, e.getMessage());
        }
    }

    /** Calls {@code onDue} on a listening thread for every batch of notifications until the returned handle is closed. */
    AutoCloseable listen(Runnable onDue) {
        return new PostgresListener(ds, CHANNEL).listen(payloads -> onDue.run());
    }
}
