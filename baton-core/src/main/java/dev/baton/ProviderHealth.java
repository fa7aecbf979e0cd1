package dev.baton;

import dev.baton.pipeline.CooldownPolicy;
import dev.baton.pipeline.DeploymentStatus;
import dev.baton.pipeline.Pipeline;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The health of every configured provider, as {@code baton providers status} and the servers'
 * {@code get_provider_status} report it: each provider probed at once (credential as a hint only,
 * reachability, models), and the circuit of each of its deployments — this process's cooldown
 * registry where it has seen calls, else what the shared usage ledger shows for the cooldown window.
 */
public final class ProviderHealth {

    private ProviderHealth() {
    }

    /** Probes every provider of {@code baton} in parallel, each within {@code timeout}. */
    public static List<Report> check(Baton baton, Duration timeout) {
        List<Report> rows = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Report>> futures = new ArrayList<>();
            for (ProviderSettings ps : baton.providers().all().values()) {
                ProviderFactory f = baton.providers().factory(ps.kind()).orElseThrow();
                futures.add(pool.submit(() -> Report.probed(ps, f.probe(ps, timeout, baton.json()))));
            }
            for (var f : futures) rows.add(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("probing providers was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("probing providers failed: " + e.getCause().getMessage(), e.getCause());
        }
        return withCircuits(baton.pipeline(), rows);
    }

    private static List<Report> withCircuits(Pipeline pipeline, List<Report> rows) {
        CooldownPolicy policy = pipeline.cooldowns().policy();
        List<StatsRow> recent = pipeline.ledger().query(StatsQuery.last(policy.window(), Instant.now(), StatsQuery.GroupBy.MODEL));
        List<Report> out = new ArrayList<>();
        for (Report row : rows) {
            String prefix = row.name() + "/";
            List<Deployment> deployments = new ArrayList<>();
            for (DeploymentStatus d : pipeline.cooldowns().status()) {
                if (d.deployment().startsWith(prefix)) {
                    deployments.add(new Deployment(d.deployment(), d.state().name().toLowerCase(Locale.ROOT), d.recentFailures()));
                }
            }
            for (StatsRow r : recent) {
                if (r.key().startsWith(prefix) && deployments.stream().noneMatch(d -> d.deployment().equals(r.key()))) {
                    String state = r.errors() >= policy.failureThreshold() ? "open (recent errors)" : "closed";
                    deployments.add(new Deployment(r.key(), state, r.errors()));
                }
            }
            out.add(row.withCircuit(deployments));
        }
        return out;
    }

    /**
     * One provider: its settings (the credential as a hint, or {@code none}), what the probe found,
     * and the circuit of each deployment seen recently.
     *
     * @param state   the probe's result, lower-case ({@code reachable}, {@code unreachable}, {@code unauthorized}, {@code unknown})
     * @param circuit {@code open} when any deployment's circuit is open, {@code closed}, or {@code -} when none was seen
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Report(String name, String kind, @Nullable String baseUrl, String credential, String state,
                         @Nullable String detail, List<String> models, List<Deployment> deployments, @Nullable String circuit) {

        static Report probed(ProviderSettings ps, ProviderStatus status) {
            return new Report(ps.name(), ps.kind(), ps.baseUrl() == null ? null : ps.baseUrl().toString(),
                    ps.apiKey() == null ? "none" : ps.apiKey().hint(), status.state().name().toLowerCase(Locale.ROOT),
                    ps.scrub(status.detail()), status.models(), List.of(), null);
        }

        Report withCircuit(List<Deployment> deployments) {
            String circuit = deployments.stream().anyMatch(d -> d.state().startsWith("open")) ? "open"
                    : deployments.isEmpty() ? "-" : "closed";
            return new Report(name, kind, baseUrl, credential, state, detail, models, List.copyOf(deployments), circuit);
        }
    }

    /** One provider/model deployment: its circuit state and how many of its recent calls failed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Deployment(String deployment, String state, long recentFailures) {
    }
}
