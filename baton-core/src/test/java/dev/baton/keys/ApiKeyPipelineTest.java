package dev.baton.keys;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.config.ProviderRegistry;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatResponse;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ModelInfo;
import dev.baton.pipeline.CallMetadata;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.usage.BudgetPeriod;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call carrying an API key's id ({@code CallMetadata.API_KEY}) through a Baton's pipeline: held
 * to the key's own budget and rate limit, recorded in the ledger under the key's id.
 */
class ApiKeyPipelineTest {

    @TempDir
    Path dir;

    private final AtomicInteger providerCalls = new AtomicInteger();
    private Baton baton;

    @BeforeEach
    void open() throws IOException {
        Path project = dir.resolve(".baton");
        Files.createDirectories(project);
        // 1000 USD per million tokens: an offline call costs a few cents
        Files.writeString(project.resolve("config.yaml"), """
                profiles:
                  priced:
                    provider: scripted
                    model: offline
                    max_tokens: 20
                    prices: {input: 1000, output: 1000}
                """);
        Map<String, ProviderFactory> factories = new HashMap<>(ProviderRegistry.discoverFactories(getClass().getClassLoader()));
        factories.put("scripted", counting(factories.get("scripted")));
        BatonPaths paths = new BatonPaths(dir, Optional.of(project), dir.resolve("user"), dir.resolve("data"));
        baton = Baton.builder(paths, Map.of("OLLAMA_HOST", "127.0.0.1:1")).factories(factories).build();
    }

    @AfterEach
    void close() {
        if (baton != null) baton.close();
    }

    private ProviderFactory counting(ProviderFactory scripted) {
        return new ProviderFactory() {
            @Override
            public String kind() {
                return scripted.kind();
            }

            @Override
            public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
                ChatModel inner = scripted.create(settings, model, info, json);
                return new ChatModel() {
                    @Override
                    public ChatResponse chat(ChatRequest request) {
                        providerCalls.incrementAndGet();
                        return inner.chat(request);
                    }

                    @Override
                    public ChatStream stream(ChatRequest request) {
                        providerCalls.incrementAndGet();
                        return inner.stream(request);
                    }

                    @Override
                    public ModelInfo info() {
                        return inner.info();
                    }
                };
            }
        };
    }

    private static ChatRequest as(ApiKey key, int i) {
        return ChatRequest.builder().user("tell me something number " + i).metadata(CallMetadata.API_KEY, key.id()).build();
    }

    @Test
    void a_keys_usd_budget_refuses_with_budget_exceeded_once_spent_and_other_keys_go_on() {
        ApiKey capped = baton.apiKeys().create(new KeySpec("capped", new BigDecimal("0.10"), BudgetPeriod.DAY, null, null,
                List.of())).key();
        ApiKey free = baton.apiKeys().create(KeySpec.named("free")).key();
        ChatModel model = baton.model("priced");

        int ok = 0;
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            try {
                model.chat(as(capped, i));
                ok++;
            } catch (BatonException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED);
                assertThat(e.getMessage()).contains("api key '" + capped.id() + "' per day");
                refused++;
            }
        }
        model.chat(as(free, 99));

        assertThat(ok).isPositive();
        assertThat(refused).isPositive();
        assertThat(providerCalls).as("refused calls never reach the provider").hasValue(ok + 1);
        List<StatsRow> rows = baton.pipeline().ledger().query(new StatsQuery(null, StatsQuery.GroupBy.API_KEY));
        assertThat(rows).extracting(StatsRow::key).containsExactlyInAnyOrder(capped.id(), free.id());
        StatsRow cappedRow = rows.stream().filter(r -> r.key().equals(capped.id())).findFirst().orElseThrow();
        assertThat(cappedRow.calls()).isEqualTo(ok);
        assertThat(cappedRow.costUsd()).isPositive().isLessThanOrEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void a_keys_rpm_refuses_with_rate_limited_beyond_its_requests_per_minute() {
        ApiKey limited = baton.apiKeys().create(new KeySpec("limited", null, null, 3, null, List.of())).key();
        ChatModel model = baton.model("priced");

        int ok = 0;
        int limitedCalls = 0;
        for (int i = 0; i < 5; i++) {
            try {
                model.chat(as(limited, i));
                ok++;
            } catch (BatonException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                limitedCalls++;
            }
        }
        model.chat(ChatRequest.of("a call without a key is not counted against it"));

        assertThat(ok).isEqualTo(3);
        assertThat(limitedCalls).isEqualTo(2);
        assertThat(providerCalls).hasValue(4);
    }

    @Test
    void a_key_revoked_here_no_longer_carries_its_limits() {
        ApiKey limited = baton.apiKeys().create(new KeySpec("limited", null, null, 1, null, List.of())).key();
        ChatModel model = baton.model("priced");
        model.chat(as(limited, 0));

        baton.apiKeys().revoke("limited");
        // the server refuses a revoked key before any call; the budgets just forget it
        model.chat(as(limited, 1));

        assertThat(providerCalls).hasValue(2);
    }

    @Test
    void concurrent_calls_of_one_key_never_spend_past_its_budget_and_the_ledger_holds_exactly_the_successes() throws Exception {
        ApiKey capped = baton.apiKeys().create(new KeySpec("capped", new BigDecimal("0.20"), BudgetPeriod.MONTH, null, null,
                List.of())).key();
        ChatModel model = baton.model("priced");
        ChatRequest one = ChatRequest.builder().user("the same question every time").metadata(CallMetadata.API_KEY, capped.id()).build();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);

        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 60; i++) {
                threads.submit(() -> {
                    go.await();
                    try {
                        model.chat(one);
                        ok.incrementAndGet();
                    } catch (BatonException e) {
                        if (e.code() == ErrorCode.BUDGET_EXCEEDED) refused.incrementAndGet();
                        else throw e;
                    }
                    return null;
                });
            }
            go.countDown();
        }

        assertThat(ok.get() + refused.get()).isEqualTo(60);
        assertThat(ok).hasPositiveValue();
        assertThat(refused).hasPositiveValue();
        assertThat(providerCalls).hasValue(ok.get());
        StatsRow row = baton.pipeline().ledger().query(new StatsQuery(null, StatsQuery.GroupBy.API_KEY)).getFirst();
        assertThat(row.key()).isEqualTo(capped.id());
        assertThat(row.calls()).isEqualTo(ok.get());
        assertThat(row.costUsd()).isLessThanOrEqualTo(new BigDecimal("0.20"));
    }
}
