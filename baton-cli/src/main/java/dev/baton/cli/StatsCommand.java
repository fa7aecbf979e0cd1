package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.keys.ApiKey;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import dev.baton.usage.UsageStatsJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** {@code baton stats}: calls, errors, tokens, cost and latency from the usage ledger. */
@Command(name = "stats", description = "Usage from the ledger: calls, errors, tokens, cost, p50/p95 latency and TTFT.")
final class StatsCommand implements Runnable {

    private final CliEnvironment env;
    @Spec
    CommandSpec spec;
    @Mixin
    OutputOptions output;
    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h", description = "window, e.g. 1h, 24h, 7d (default 24h)")
    String since;
    @Option(names = "--by", paramLabel = "KEY", defaultValue = "none",
            description = "group by: none, profile, provider, model, run, day, api_key (default none)")
    String by;

    StatsCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public void run() {
        Duration window = Durations.parse(since, "--since");
        StatsQuery.GroupBy groupBy;
        try {
            groupBy = StatsQuery.GroupBy.valueOf(by.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--by: expected none, profile, provider, model, run, day or api_key, got '" + by + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Baton baton = env.openBaton()) {
            List<StatsRow> rows = baton.pipeline().ledger().query(StatsQuery.last(window, Instant.now(), groupBy));
            if (output.resolve(env, false) == OutputFormat.json) {
                Json.print(out, new UsageStatsJson(Instant.now().minus(window).toString(), by.toLowerCase(Locale.ROOT),
                        rows.stream().map(UsageStatsJson.Row::of).toList()));
                return;
            }
            if (rows.isEmpty() || rows.stream().allMatch(r -> r.calls() == 0)) {
                out.println("no calls in the last " + since);
                out.flush();
                return;
            }
            if (groupBy == StatsQuery.GroupBy.API_KEY) rows = withKeyNames(baton, rows);
            Table t = new Table(by.toUpperCase(Locale.ROOT), "CALLS", "ERRORS", "IN", "CACHED", "OUT", "COST $",
                    "P50 MS", "P95 MS", "TTFT P50", "TTFT P95");
            for (StatsRow r : rows) {
                t.row(r.key(), r.calls(), r.errors(), r.inputTokens(), r.cachedInputTokens(), r.outputTokens(),
                        r.costUsd() == null ? "" : r.costUsd().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                        ms(r.p50Latency()), ms(r.p95Latency()), ms(r.p50TimeToFirstToken()), ms(r.p95TimeToFirstToken()));
            }
            t.print(out);
        }
    }

    /** Rows keyed {@code k_… (name)} for live keys, so the table reads without {@code baton keys list}. */
    private static List<StatsRow> withKeyNames(Baton baton, List<StatsRow> rows) {
        Map<String, String> names = new HashMap<>();
        for (ApiKey k : baton.apiKeys().list()) names.put(k.id(), k.name());
        return rows.stream().map(r -> !names.containsKey(r.key()) ? r : new StatsRow(r.key() + " (" + names.get(r.key()) + ")",
                r.calls(), r.errors(), r.inputTokens(), r.cachedInputTokens(), r.outputTokens(), r.reasoningTokens(),
                r.costUsd(), r.p50Latency(), r.p95Latency(), r.p50TimeToFirstToken(), r.p95TimeToFirstToken())).toList();
    }

    private static String ms(Duration d) {
        return d == null ? "" : String.valueOf(d.toMillis());
    }
}
