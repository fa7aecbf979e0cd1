package dev.baton.keys.internal;

import dev.baton.store.StoreSettings;
import dev.baton.store.internal.StoreDatabase;
import dev.baton.store.internal.TestStores;
import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/** The same key cases on PostgreSQL; "another process" is another connection pool on the same database. */
class PostgresApiKeysTest extends DefaultApiKeysTest {

    private StoreSettings settings;

    @BeforeEach
    @Override
    void open() {
        settings = TestStores.settingsOfFreshDatabase(2);
        super.open();
    }

    @Override
    protected StoreDatabase openDatabase() {
        return TestStores.open(settings);
    }

    @Override
    protected String storedText() {
        StringBuilder all = new StringBuilder();
        try (Connection c = DriverManager.getConnection(settings.url(), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM api_keys")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) all.append(rs.getString(i)).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all.toString();
    }
}
