package dev.baton.cli;

import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


import java.io.IOException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;



import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three real {@code baton serve} processes on one PostgreSQL store (the gateway on, API keys
 * required), one key whose $1.00 budget fits 100 of 300 concurrent $0.01 requests spread over the
 * three: spend never exceeds the budget (in the ledger), every request succeeds or gets the budget
 * error, the ledger has one row per success; then one replica is killed with {@code kill -9} and,
 * once its lease has expired, no budget stays reserved.
 */
class MultiReplicaBudgetTest {

    private static final long LEASE_TTL_MS = 30_000; // BudgetOptions.DEFAULT

    @TempDir
    Path tmp;

    private final List<Process> started = new CopyOnWriteArrayList<>();

    @Test
    void givenThreeReplicasOnOneStore_whenThreeHundredRequestsRaceOneKeysBudget_thenNoneOverspendsAndNoLeaseOutlivesAKilledReplica()
            throws Exception {
        PostgresServer.Database db = PostgresServer.start().newDatabase();
        String storeUrl = db.jdbcUrl() + "?user=" + db.user() + "&password=" + db.password();
        Path project = project();
        try {
            List<String> keyOut = new CopyOnWriteArrayList<>();
            Process create = start(project, storeUrl, keyOut, "keys", "create", "--name", "team", "--budget-usd", "1.00");
            assertThat(create.waitFor(120, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(create.exitValue()).as(String.join("\n", keyOut)).isZero();
            String secret = keyOut.stream().filter(l -> l.startsWith("bk_")).findFirst().orElseThrow();

            List<List<String>> logs = new ArrayList<>();
            List<Process> replicas = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<String> log = new CopyOnWriteArrayList<>();
                logs.add(log);
                replicas.add(start(project, storeUrl, log, "serve", "--port", "0", "--no-mcp"));
            }
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 3; i++) urls.add(awaitUrl(logs.get(i), replicas.get(i)));

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 300; i++) calls.add(complete(client, urls.get(i % 3), secret));
            int ok = 0;
            int refused = 0;
            List<String> other = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get(180, TimeUnit.SECONDS);
                if (r.statusCode() == 200) ok++;
                else if (r.statusCode() == 402 && r.body().contains("budget")) refused++;
                else other.add(r.statusCode() + " " + r.body());
            }

            assertThat(other).as("every request succeeds or gets the budget error").isEmpty();
            assertThat(ok + refused).isEqualTo(300);

            // an answer goes out before its ledger row commits (the writer batches): kill only once
            // every answered call is in the ledger, or the killed replica takes its last rows with it
            awaitLedgerRows(db, ok);
            long[] killedLeases = new long[1];
            Process killed = replicas.get(2);
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.currentTimeMillis();
            for (int i = 0; i < 2; i++) {
                sigterm(replicas.get(i)); // a graceful stop settles and releases its leases
                assertThat(replicas.get(i).waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", logs.get(i))).isTrue();
            }

            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), COALESCE(SUM(cost_nano_usd), 0) FROM usage_ledger"
                        + " WHERE outcome = 'ok'")) {
                    rs.next();
                    assertThat(rs.getLong(2)).as("ledger: %d rows, %d nano-USD; %d successes", rs.getLong(1), rs.getLong(2), ok)
                            .isLessThanOrEqualTo(1_000_000_000L);
                    assertThat(rs.getLong(1)).as("ledger rows == successes").isEqualTo(ok);
                    assertThat(rs.getLong(2)).as("each success cost $0.01").isEqualTo(ok * 10_000_000L);
                }
                assertThat(ok).as("the budget is used, not refused wholesale").isBetween(50, 100);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM budget_lease")) {
                    rs.next();
                    killedLeases[0] = rs.getLong(1);
                }
                long sleep = killedAt + LEASE_TTL_MS + 1_000 - System.currentTimeMillis();
                if (sleep > 0) Thread.sleep(sleep);
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM budget_lease WHERE expires_ms >= "
                        + System.currentTimeMillis())) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("after the lease expiry no budget stays reserved (the killed"
                            + " replica left " + killedLeases[0] + " lease rows)").isZero();
                }
            }
        } finally {
            for (Process p : started) p.destroyForcibly();
        }
    }

    /** Waits (60 s at most) until the ledger holds {@code rows} answered calls; the assertions follow later. */
    private static void awaitLedgerRows(PostgresServer.Database db, int rows) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until) {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM usage_ledger WHERE outcome = 'ok'")) {
                rs.next();
                if (rs.getLong(1) >= rows) return;
            }
            Thread.sleep(100);
        }
    }

    private Path project() throws IOException {
        Path project = tmp.resolve("project");
        Files.createDirectories(project.resolve(".baton"));
        Files.writeString(project.resolve(".baton/config.yaml"), """
                default_profile: paid
                providers:
                  upstream:
                    kind: scripted
                    options:
                      script:
                        fallback:
                          text: "Paid answer."
                          latency_ms: 5
                          usage: {input_tokens: 0, output_tokens: 1000}
                profiles:
                  paid:
                    provider: upstream
                    model: paid-1
                    max_tokens: 1000
                    prices: {input: 0, output: 10}
                server:
                  max_concurrent_per_key: 300
                """);
        return project;
    }

    private Process start(Path project, String storeUrl, List<String> log, String... args) throws IOException {
        Process p = ServeProcesses.start(project, tmp.resolve("home"), Map.of("BATON_STORE_URL", storeUrl), log, args).process();
        started.add(p);
        return p;
    }

    private static void sigterm(Process p) throws IOException, InterruptedException {
        ServeProcesses.sigterm(p);
    }

    private static String awaitUrl(List<String> log, Process p) throws InterruptedException {
        return ServeProcesses.awaitUrl(log, p, Duration.ofSeconds(120));
    }

    private static CompletableFuture<HttpResponse<String>> complete(HttpClient client, String url, String secret) {
        return client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + secret)
                .timeout(Duration.ofSeconds(150))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"paid\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
