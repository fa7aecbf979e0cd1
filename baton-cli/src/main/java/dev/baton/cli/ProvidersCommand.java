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
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

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
final class ProvidersCommand extends CommandGroup {

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
                List<ProviderJson> rows = withCircuits(baton, probeAll(baton, Duration.ofMillis((long) (timeoutSeconds * 1000))));
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, rows);
                    return;
                }
                Table t = new Table("PROVIDER", "KIND", "CREDENTIAL", "STATE", "CIRCUIT", "DETAIL");
                for (ProviderJson r : rows) t.row(r.name(), r.kind(), r.credential(), r.state(), r.circuit(), r.detail());
                t.print(out);
            }
        }

        private static List<ProviderJson> probeAll(Baton baton, Duration timeout) {
            List<ProviderJson> rows = new ArrayList<>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<ProviderJson>> futures = new ArrayList<>();
                for (ProviderSettings ps : baton.providers().all().values()) {
                    ProviderFactory f = baton.providers().factory(ps.kind()).orElseThrow();
                    futures.add(pool.submit(() -> ProviderJson.probed(ps, f.probe(ps, timeout, baton.json()))));
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
        private static List<ProviderJson> withCircuits(Baton baton, List<ProviderJson> rows) {
            var pipeline = baton.pipeline();
            CooldownPolicy policy = pipeline.cooldowns().policy();
            Map<String, StatsRow> recent = new LinkedHashMap<>();
            for (StatsRow r : pipeline.ledger().query(StatsQuery.last(policy.window(), Instant.now(), StatsQuery.GroupBy.MODEL))) {
                recent.put(r.key(), r);
            }
            List<ProviderJson> out = new ArrayList<>();
            for (ProviderJson row : rows) {
                String provider = row.name();
                List<ProviderJson.Deployment> deployments = new ArrayList<>();
                for (DeploymentStatus d : pipeline.cooldowns().status()) {
                    if (d.deployment().startsWith(provider + "/")) {
                        deployments.add(new ProviderJson.Deployment(d.deployment(), d.state().name().toLowerCase(), d.recentFailures()));
                    }
                }
                for (StatsRow r : recent.values()) {
                    if (r.key().startsWith(provider + "/") && deployments.stream().noneMatch(d -> d.deployment().equals(r.key()))) {
                        String state = r.errors() >= policy.failureThreshold() ? "open (recent errors)" : "closed";
                        deployments.add(new ProviderJson.Deployment(r.key(), state, r.errors()));
                    }
                }
                out.add(row.withCircuit(deployments));
            }
            return out;
        }
    }

    /**
     * One provider in {@code providers status -o json}: its settings (the credential as a hint, or
     * {@code none}), what the probe found, and the circuit of each deployment seen recently.
     *
     * @param state   the probe's result, lower-case ({@code reachable}, {@code unreachable}, {@code unauthorized}, {@code unknown})
     * @param circuit {@code open} when any deployment's circuit is open, {@code closed}, or {@code -} when none was seen
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ProviderJson(String name, String kind, String baseUrl, String credential, String state, String detail,
                        List<String> models, List<Deployment> deployments, String circuit) {

        /** One provider/model deployment: its circuit state and how many of its recent calls failed. */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        record Deployment(String deployment, String state, long recentFailures) {
        }

        static ProviderJson probed(ProviderSettings ps, ProviderStatus status) {
            return new ProviderJson(ps.name(), ps.kind(), ps.baseUrl() == null ? null : ps.baseUrl().toString(),
                    ps.apiKey() == null ? "none" : ps.apiKey().hint(), status.state().name().toLowerCase(),
                    ps.scrub(status.detail()), status.models(), List.of(), null);
        }

        ProviderJson withCircuit(List<Deployment> deployments) {
            String circuit = deployments.stream().anyMatch(d -> d.state().startsWith("open")) ? "open"
                    : deployments.isEmpty() ? "-" : "closed";
            return new ProviderJson(name, kind, baseUrl, credential, state, detail, models, List.copyOf(deployments), circuit);
        }
    }
}
