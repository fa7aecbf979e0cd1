package dev.baton.server.gateway;

import dev.baton.server.ServerOptions;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200 concurrent gateway requests from one key against a USD budget that fits about half of them:
 * spend never exceeds the budget, every request either succeeds or gets the budget error, and the
 * ledger's rows equal the successes.
 */
class GatewayBudgetLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = 200;
    /** Each call costs 11 tokens at 1000 USD per million tokens. */
    private static final BigDecimal CALL_COST = new BigDecimal("0.011");
    private static final BigDecimal BUDGET = new BigDecimal("1.10");

    @TempDir
    static Path dir;

    static GatewayFixture gateway;

    @BeforeAll
    static void start() throws Exception {
        // the only limit is the key's own (baton keys create --budget-usd), made in the test below
        String config = """
                providers:
                  paid:
                    kind: scripted
                    options:
                      script:
                        fallback:
                          text: "Paid answer."
                          latency_ms: 20
                          usage: {input_tokens: 7, output_tokens: 4}
                profiles:
                  metered: {provider: paid, model: paid-1, max_tokens: 10, prices: {input: 1000, output: 1000}}
                """;
        gateway = GatewayFixture.start(dir, config, Map.of(), ServerOptions.defaults().withMaxConcurrentPerKey(REQUESTS * 2));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
    }

    @Test
    void given_a_budget_for_half_the_requests_when_200_arrive_at_once_then_spend_stays_within_it_and_the_ledger_matches() throws Exception {
        dev.baton.keys.CreatedKey key = gateway.baton.apiKeys().create(new dev.baton.keys.KeySpec("load", BUDGET,
                dev.baton.usage.BudgetPeriod.DAY, null, null, List.of()));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + key.secret().reveal()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"metered\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            go.countDown();
        }

        int ok = 0;
        int refused = 0;
        List<String> other = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            HttpResponse<String> res = f.get();
            if (res.statusCode() == 200) ok++;
            else if (res.statusCode() == 402 && JSON.readTree(res.body()).at("/error/code").asString().equals("budget_exceeded")) refused++;
            else other.add(res.statusCode() + " " + res.body());
        }
        gateway.baton.pipeline().ledger().flush();
        StatsRow ledger = gateway.baton.pipeline().ledger().query(new StatsQuery(null, StatsQuery.GroupBy.NONE)).getFirst();

        assertThat(other).as("every request either succeeds or gets the budget error").isEmpty();
        assertThat(ok + refused).isEqualTo(REQUESTS);
        assertThat(ok).as("some fit the budget").isPositive();
        assertThat(refused).as("the budget fits only about half").isPositive();
        assertThat(ledger.calls()).as("the ledger's rows equal the successes").isEqualTo(ok);
        assertThat(ledger.errors()).isZero();
        assertThat(ledger.costUsd()).as("spend never exceeds the budget").isLessThanOrEqualTo(BUDGET);
        assertThat(ledger.costUsd()).isEqualByComparingTo(CALL_COST.multiply(BigDecimal.valueOf(ok)));
        List<StatsRow> byKey = gateway.baton.pipeline().ledger().query(new StatsQuery(null, StatsQuery.GroupBy.API_KEY));
        assertThat(byKey).hasSize(1);
        assertThat(byKey.getFirst().key()).as("every row carries the key's id").isEqualTo(key.key().id());
        assertThat(byKey.getFirst().calls()).isEqualTo(ok);
    }
}
