package dev.baton.cli;

import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Commands on a PostgreSQL store: they read it, and never show its password. */
class StoreCommandsTest {

    private static final String PASSWORD = "pg-Secret-4711";

    @TempDir
    Path tmp;

    private CliHarness projectWith(String store) throws Exception {
        CliHarness cli = new CliHarness(tmp).env("PGPASSWORD", PASSWORD);
        Files.createDirectories(cli.workDir().resolve(".baton"));
        Files.writeString(cli.workDir().resolve(".baton/config.yaml"), store);
        return cli;
    }

    @Test
    void givenAPostgresStoreWithAPassword_whenConfigIsShownAndChecked_thenThePasswordNeverAppears() throws Exception {
        CliHarness cli = projectWith("""
                store:
                  kind: postgres
                  url: jdbc:postgresql://127.0.0.1:1/baton
                  user: baton
                  password: ${PGPASSWORD}
                """);

        for (String[] args : new String[][] {{"config"}, {"config", "check"}, {"config", "check", "-o", "json"},
                {"stats"}, {"keys", "list"}}) {
            CliHarness.Result r = cli.run(args);
            assertThat(r.out() + r.err()).as(String.join(" ", args)).doesNotContain(PASSWORD);
        }
        CliHarness.Result unreachable = cli.run("stats");
        assertThat(unreachable.exit()).as("the store cannot be reached: an error, not a silent fallback").isNotZero();
        assertThat(unreachable.err()).contains("PostgreSQL store").contains("127.0.0.1:1");
    }

    @Test
    void givenAStoreValueThatCannotWork_whenACommandRuns_thenItNamesFileLineAndField() throws Exception {
        CliHarness cli = projectWith("""
                store:
                  kind: postgres
                  url: jdbc:postgresql://127.0.0.1:1/baton
                  password: ${PGPASSWORD}
                  pool_size: 1
                """);

        CliHarness.Result r = cli.run("stats");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("config.yaml:").contains("pool_size").doesNotContain(PASSWORD);
    }

    @Test
    void givenBatonStoreUrl_whenKeysAreCreatedAndUsageRead_thenTheyLiveInThePostgresStore() throws Exception {
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        CliHarness cli = new CliHarness(tmp).env("BATON_STORE_URL",
                db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password());

        CliHarness.Result created = cli.run("keys", "create", "--name", "ci", "--budget-usd", "5");
        CliHarness.Result listed = cli.run("keys", "list");
        CliHarness.Result asked = cli.run("ask", "--profile", "offline", "hello");
        CliHarness.Result stats = cli.run("stats");

        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(listed.out()).contains("ci");
        assertThat(asked.exit()).as(asked.err()).isZero();
        assertThat(stats.out()).containsPattern("all\\s+1\\s");
        try (var c = db.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT (SELECT count(*) FROM api_keys), (SELECT count(*) FROM usage_ledger)")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the key is in PostgreSQL").isEqualTo(1);
            assertThat(rs.getInt(2)).as("the call is in PostgreSQL's ledger").isEqualTo(1);
        }
        assertThat(created.out() + created.err() + listed.out() + stats.out() + stats.err())
                .doesNotContain(db.password());
    }
}
