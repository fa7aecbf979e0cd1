package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.pipeline.CooldownPolicy;
import dev.baton.pipeline.DeploymentStatus;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import java.time.Instant;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** {@code baton providers status}. */
@Command(name = "providers", description = "Configured providers and whether they answer.",
        subcommands = {ProvidersCommand.StatusCmd.class})
final class ProvidersCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "status", description = "Show each provider: configured credential, reachability, models.")
    static final class StatusCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3", description = "probe timeout (default 3)")
        double timeoutSeconds;

        StatusCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton()) {
                List<Map<String, Object>> rows = probeAll(baton, Duration.ofMillis((long) (timeoutSeconds * 1000)));
                addCircuits(baton, rows);
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, rows);
                    return;
                }
                Table t = new Table("PROVIDER", "KIND", "CREDENTIAL", "STATE", "CIRCUIT", "DETAIL");
                for (var r : rows) {
                    t.row(r.get("name"), r.get("kind"), r.get("credential"), r.get("state"), r.get("circuit"), r.get("detail"));
                }
                t.print(out);
            }
        }

        private static List<Map<String, Object>> probeAll(Baton baton, Duration timeout) {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Map<String, Object>>> futures = new ArrayList<>();
                for (ProviderSettings ps : baton.providers().all().values()) {
                    ProviderFactory f = baton.providers().factory(ps.kind()).orElseThrow();
                    futures.add(pool.submit(() -> row(ps, f.probe(ps, timeout, baton.json()))));
                }
                for (var f : futures) rows.add(f.get());
            } catch (Exception e) {
                throw new IllegalStateException("probing providers failed: " + e.getMessage(), e);
            }
            return rows;
        }

        /**
         * The circuit state of each provider's deployments: this process's cooldown registry where it
         * has seen calls, else what the shared usage ledger shows for the cooldown window (a
         * deployment with at least the policy's failure count of recent errors would be skipped).
         */
        private static void addCircuits(Baton baton, List<Map<String, Object>> rows) {
            var pipeline = baton.pipeline();
            CooldownPolicy policy = pipeline.cooldowns().policy();
            Map<String, StatsRow> recent = new LinkedHashMap<>();
            for (StatsRow r : pipeline.ledger().query(StatsQuery.last(policy.window(), Instant.now(), StatsQuery.GroupBy.MODEL))) {
                recent.put(r.key(), r);
            }
            for (Map<String, Object> row : rows) {
                String provider = (String) row.get("name");
                List<Map<String, Object>> deployments = new ArrayList<>();
                for (DeploymentStatus d : pipeline.cooldowns().status()) {
                    if (d.deployment().startsWith(provider + "/")) {
                        deployments.add(Map.of("deployment", d.deployment(), "state", d.state().name().toLowerCase(),
                                "recent_failures", d.recentFailures()));
                    }
                }
                for (StatsRow r : recent.values()) {
                    if (r.key().startsWith(provider + "/") && deployments.stream().noneMatch(d -> d.get("deployment").equals(r.key()))) {
                        String state = r.errors() >= policy.failureThreshold() ? "open (recent errors)" : "closed";
                        deployments.add(Map.of("deployment", r.key(), "state", state, "recent_failures", r.errors()));
                    }
                }
                row.put("deployments", deployments);
                row.put("circuit", deployments.stream().anyMatch(d -> String.valueOf(d.get("state")).startsWith("open"))
                        ? "open" : deployments.isEmpty() ? "-" : "closed");
            }
        }

        private static Map<String, Object> row(ProviderSettings ps, ProviderStatus status) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", ps.name());
            m.put("kind", ps.kind());
            m.put("base_url", ps.baseUrl() == null ? null : ps.baseUrl().toString());
            m.put("credential", ps.apiKey() == null ? "none" : ps.apiKey().hint());
            m.put("state", status.state().name().toLowerCase());
            m.put("detail", ps.scrub(status.detail()));
            m.put("models", status.models());
            return m;
        }
    }
}
