package dev.baton.testing;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresServerTest {

    @Test
    void givenTheSharedServer_whenTwoDatabasesAreCreated_thenEachIsFreshAndUsable() throws Exception {
        PostgresServer server = PostgresServer.start();
        PostgresServer.Database first = server.newDatabase();
        PostgresServer.Database second = server.newDatabase();

        try (Connection c = first.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v int)");
            s.execute("INSERT INTO t VALUES (42)");
        }
        try (Connection c = second.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the second database does not see the first one's table").isZero();
        }
        assertThat(PostgresServer.start()).as("one server per JVM").isSameAs(server);
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
    }

    @Test
    void givenTheTestsRunAsRoot_whenTheServerRuns_thenItsProcessesBelongToAnUnprivilegedUser() throws Exception {
        PostgresServer server = PostgresServer.start();
        try (Connection c = server.newDatabase().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            String owner = ProcessHandle.of(backend).flatMap(p -> p.info().user()).orElseThrow();
            assertThat(owner).isNotEqualTo("root");
            if (PostgresServer.isRoot()) {
                assertThat(owner).isEqualTo("nobody");
            }
        }
    }

    @Test
    void givenAJvmWithAServer_whenTheJvmIsKilled_thenTheServerStopsToo() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PostgresServerChild.class.getName()))
                .redirectErrorStream(true).start();
        int port;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            String portLine = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("port=")) {
                    portLine = line;
                    break;
                }
            }
            assertThat(portLine).as("the child JVM reports its server's port").isNotNull();
            port = Integer.parseInt(portLine.substring("port=".length()));
            assertThat(accepts(port)).isTrue();

            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (accepts(port) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(accepts(port)).as("no server left listening after the JVM was killed").isFalse();
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Started in a child JVM: starts a server, says its port, then waits to be killed. */
    public static final class PostgresServerChild {
        public static void main(String[] args) throws Exception {
            PostgresServer server = PostgresServer.start();
            System.out.println("port=" + server.port());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }
}
