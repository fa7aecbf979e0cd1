package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
            description = "group by: none, profile, provider, model, run, day (default none)")
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
            throw new UsageException("--by: expected none, profile, provider, model, run or day, got '" + by + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Baton baton = env.openBaton()) {
            List<StatsRow> rows = baton.pipeline().ledger().query(StatsQuery.last(window, Instant.now(), groupBy));
            if (output.resolve(env, false) == OutputFormat.json) {
                List<Map<String, Object>> json = new ArrayList<>();
                for (StatsRow r : rows) json.add(row(r));
                Json.print(out, Map.of("since", Instant.now().minus(window).toString(), "by", by.toLowerCase(Locale.ROOT), "rows", json));
                return;
            }
            if (rows.isEmpty() || rows.stream().allMatch(r -> r.calls() == 0)) {
                out.println("no calls in the last " + since);
                out.flush();
                return;
            }
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

    private static String ms(Duration d) {
        return d == null ? "" : String.valueOf(d.toMillis());
    }

    private static Map<String, Object> row(StatsRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", r.key());
        m.put("calls", r.calls());
        m.put("errors", r.errors());
        m.put("input_tokens", r.inputTokens());
        m.put("cached_input_tokens", r.cachedInputTokens());
        m.put("output_tokens", r.outputTokens());
        m.put("reasoning_tokens", r.reasoningTokens());
        m.put("cost_usd", r.costUsd());
        m.put("p50_latency_ms", r.p50Latency() == null ? null : r.p50Latency().toMillis());
        m.put("p95_latency_ms", r.p95Latency() == null ? null : r.p95Latency().toMillis());
        m.put("p50_ttft_ms", r.p50TimeToFirstToken() == null ? null : r.p50TimeToFirstToken().toMillis());
        m.put("p95_ttft_ms", r.p95TimeToFirstToken() == null ? null : r.p95TimeToFirstToken().toMillis());
        return m;
    }
}
