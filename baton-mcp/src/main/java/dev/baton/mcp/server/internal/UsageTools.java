package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.usage.BudgetStatusJson;
import dev.baton.usage.StatsQuery;
import dev.baton.usage.StatsRow;
import dev.baton.usage.UsageStatsJson;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code stats} and {@code budgets}: the usage ledger's figures and each budget's spend, as {@code baton stats} and {@code baton budgets list} show them. */
public final class UsageTools {

    /** The default window of {@code stats} and {@code baton://stats}. */
    static final String DEFAULT_SINCE = "24h";

    private final Baton baton;

    public UsageTools(Baton baton) {
        this.baton = baton;
    }

    public ServerTool stats() {
        return new ServerTool("stats",
                "Usage from the ledger over a window: calls, errors, tokens, cost, p50/p95 latency and time to first token, "
                        + "in total or grouped by profile, provider, model, run or day.",
                Schemas.parse("""
                        {"type":"object","additionalProperties":false,"properties":{
                          "since":{"type":"string","pattern":"^[1-9][0-9]{0,5}[mhd]$","description":"the window: minutes, hours or days, e.g. 30m, 24h, 7d (default 24h)"},
                          "by":{"enum":["none","profile","provider","model","run","day"],"description":"grouping (default none)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["since","by","rows"],"properties":{
                          "since":{"type":"string"},"by":{"type":"string"},"rows":{"type":"array","items":{"type":"object",
                            "required":["key","calls","errors"],"properties":{"key":{"type":["string","null"]},"calls":{"type":"integer"},
                            "errors":{"type":"integer"},"input_tokens":{"type":"integer"},"cached_input_tokens":{"type":"integer"},
                            "output_tokens":{"type":"integer"},"reasoning_tokens":{"type":"integer"},"cost_usd":{"type":["number","null"]},
                            "p50_latency_ms":{"type":["integer","null"]},"p95_latency_ms":{"type":["integer","null"]},
                            "p50_ttft_ms":{"type":["integer","null"]},"p95_ttft_ms":{"type":["integer","null"]}}}}}}"""),
                (args, call) -> {
                    ObjectNode out = statsListing(args.path("since").asString(DEFAULT_SINCE), args.path("by").asString("none"));
                    return ToolResult.structured(out, statsText(out));
                });
    }

    /** The ledger's figures over the last {@code since} ({@code 30m}, {@code 24h}, {@code 7d}) grouped {@code by}. */
    ObjectNode statsListing(String since, String by) {
        StatsQuery.GroupBy groupBy = StatsQuery.GroupBy.valueOf(by.toUpperCase(Locale.ROOT));
        Duration window = window(since);
        Instant now = Instant.now();
        List<StatsRow> rows = baton.pipeline().ledger().query(StatsQuery.last(window, now, groupBy));
        UsageStatsJson json = new UsageStatsJson(now.minus(window).toString(), by.toLowerCase(Locale.ROOT),
                rows.stream().map(UsageStatsJson.Row::of).toList());
        return (ObjectNode) Schemas.JSON.valueToTree(json);
    }

    private static Duration window(String since) {
        long n = Long.parseLong(since.substring(0, since.length() - 1));
        return switch (since.charAt(since.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    private static String statsText(JsonNode out) {
        StringBuilder text = new StringBuilder("since " + out.path("since").asString() + ":");
        if (out.path("rows").isEmpty()) return text.append(" no calls").toString();
        for (JsonNode r : out.path("rows")) {
            text.append("\n  ").append(r.path("key").isNull() ? "all" : r.path("key").asString()).append(": ")
                    .append(r.path("calls").asLong()).append(" calls, ").append(r.path("errors").asLong()).append(" errors, ")
                    .append(r.path("input_tokens").asLong()).append(" in / ").append(r.path("output_tokens").asLong()).append(" out tokens")
                    .append(r.path("cost_usd").isNull() ? "" : ", $" + r.path("cost_usd").asString());
        }
        return text.toString();
    }

    public ServerTool budgets() {
        return new ServerTool("budgets",
                "The budgets and quotas of the configuration: each limit with its spend, reservations in flight, what remains and when it resets.",
                Schemas.parse("{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}"),
                Schemas.parse("""
                        {"type":"object","required":["budgets"],"properties":{"budgets":{"type":"array","items":{"type":"object",
                          "required":["scope","period"],"properties":{"scope":{"type":"string"},"key":{"type":["string","null"]},
                          "period":{"type":"string"},"bucket":{"type":["string","null"]},"limit_usd":{"type":["number","null"]},
                          "limit_tokens":{"type":["integer","null"]},"rpm":{"type":["integer","null"]},"tpm":{"type":["integer","null"]},
                          "spent_usd":{"type":["number","null"]},"spent_tokens":{"type":"integer"},
                          "reserved_usd":{"type":["number","null"]},"reserved_tokens":{"type":"integer"},
                          "remaining_usd":{"type":["number","null"]},"remaining_tokens":{"type":["integer","null"]},
                          "resets_at":{"type":["string","null"]}}}}}}"""),
                (args, call) -> {
                    ObjectNode out = budgetListing();
                    return ToolResult.structured(out, budgetsText(out));
                });
    }

    /** Every configured limit with its spend and what remains. */
    ObjectNode budgetListing() {
        List<BudgetStatusJson> rows = baton.pipeline().budgets().status().stream().map(BudgetStatusJson::of).toList();
        return Schemas.object().set("budgets", Schemas.JSON.valueToTree(rows));
    }

    private static String budgetsText(JsonNode out) {
        if (out.path("budgets").isEmpty()) return "no budgets configured (add a `budgets:` list to config.yaml)";
        StringBuilder text = new StringBuilder();
        for (JsonNode b : out.path("budgets")) {
            text.append(b.path("scope").asString()).append(b.path("key").isNull() ? "" : " " + b.path("key").asString())
                    .append(" (").append(b.path("period").asString()).append("): spent $").append(b.path("spent_usd").asString("0"))
                    .append(b.path("limit_usd").isNull() ? "" : " of $" + b.path("limit_usd").asString())
                    .append(b.path("remaining_usd").isNull() ? "" : ", $" + b.path("remaining_usd").asString() + " left")
                    .append('\n');
        }
        return text.toString().strip();
    }
}
