package dev.baton.store.internal;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * PostgreSQL {@code LISTEN} on one channel, on a connection of its own held for as long as it
 * listens: the payloads of each batch of notifications go to the consumer on the listening
 * thread. The listener reconnects after a dropped connection; a notification lost meanwhile
 * costs readers one polling interval (they poll as a safety net). Used for run events and for
 * tasks due now.
 */
public final class PostgresListener {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    /** How long one wait for notifications lasts: how soon a closed listener notices. */
    private static final int WAIT_MS = 500;

    private final DataSource ds;
    private final String channel;

    public PostgresListener(DataSource ds, String channel) {
        this.ds = ds;
        this.channel = channel;
    }

    /** Hands each non-empty batch of payloads to {@code onPayloads} until the returned handle is closed. */
    public AutoCloseable listen(Consumer<List<String>> onPayloads) {
        AtomicBoolean closed = new AtomicBoolean();
        // a platform thread: the driver blocks in a socket read that would pin a virtual thread's carrier
        Thread listener = Thread.ofPlatform().daemon().name("baton-listen-" + channel).start(() -> {
            while (!closed.get()) {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(true);
                    try (Statement s = c.createStatement()) {
                        s.execute("LISTEN " + channel);
                    }
                    PGConnection pg = c.unwrap(PGConnection.class);
                    while (!closed.get()) {
                        PGNotification[] got = pg.getNotifications(WAIT_MS);
                        if (got == null || got.length == 0) continue;
                        List<String> payloads = new ArrayList<>(got.length);
                        for (PGNotification n : got) payloads.add(n.getParameter());
                        onPayloads.accept(payloads);
                    }
                } catch (SQLException | RuntimeException e) {
                    if (closed.get()) return;
                    LOG.debug("listen {}: {}; listening again", channel, e.getMessage());
                    try {
                        Thread.sleep(WAIT_MS);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        });
        return () -> {
            closed.set(true);
            listener.interrupt();
        };
    }
}
