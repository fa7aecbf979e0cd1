package dev.baton.server.api.internal;

import dev.baton.Baton;
import dev.baton.usage.SeriesPoint;
import dev.baton.usage.SeriesQuery;
import dev.baton.usage.StatsQuery;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/usage/timeseries}: the ledger's calls, errors, fallbacks, tokens and cost per
 * time bucket and per profile, provider, model or API key ({@code ?by=model&bucket=1h&since=7d}),
 * what the console stacks over time.
 */
public final class UsageRoutes {

    private static final Pattern SPAN = Pattern.compile("([1-9][0-9]{0,5})([mhd])");
    private static final Map<String, StatsQuery.GroupBy> BY = Map.of("none", StatsQuery.GroupBy.NONE,
            "profile", StatsQuery.GroupBy.PROFILE, "provider", StatsQuery.GroupBy.PROVIDER, "model", StatsQuery.GroupBy.MODEL,
            "api_key", StatsQuery.GroupBy.API_KEY);

    private final Baton baton;

    public UsageRoutes(Baton baton) {
        this.baton = baton;
    }

    public void mount(ApiRouter router) {
        router.get("/api/v1/usage/timeseries", this::series);
    }

    private void series(ApiCall call) throws IOException {
        String byText = call.query("by") == null ? "none" : call.query("by").toLowerCase(Locale.ROOT);
        StatsQuery.GroupBy by = BY.get(byText);
        if (by == null) {
            throw ApiCall.invalid("query parameter 'by' must be one of " + BY.keySet().stream().sorted().toList() + ", not '" + byText + "'");
        }
        Duration window = span(call, "since", "24h");
        Duration bucket = span(call, "bucket", "1h");
        SeriesQuery query;
        try {
            query = SeriesQuery.last(window, bucket, Instant.now(), by);
        } catch (IllegalArgumentException e) {
            throw ApiCall.invalid("query parameter " + e.getMessage().replaceFirst("^(\\w+):", "'$1':"));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("since", query.since().toString())
                .put("bucket_seconds", bucket.toSeconds()).put("by", byText);
        var points = out.putArray("points");
        for (SeriesPoint p : baton.pipeline().ledger().series(query)) {
            points.addObject().put("bucket_start", p.bucketStart().toString()).put("key", p.key()).put("calls", p.calls())
                    .put("errors", p.errors()).put("fallbacks", p.fallbacks()).put("input_tokens", p.inputTokens())
                    .put("output_tokens", p.outputTokens()).put("cost_usd", p.costUsd());
        }
        call.send(200, out);
    }

    private static Duration span(ApiCall call, String name, String fallback) {
        String text = call.query(name) == null ? fallback : call.query(name);
        Matcher m = SPAN.matcher(text);
        if (!m.matches()) {
            throw ApiCall.invalid("query parameter '" + name + "' must be minutes, hours or days such as 30m, 1h, 7d, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
