package dev.baton.server.api.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.keys.ApiKey;
import dev.baton.keys.ApiKeyJson;
import dev.baton.keys.ApiKeys;
import dev.baton.keys.CreatedKey;
import dev.baton.keys.KeySpec;
import dev.baton.server.Caller;
import dev.baton.usage.BudgetPeriod;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/keys}: the server's API keys (what {@code baton keys} manages) — list, create
 * (the secret is in the answer, this once; only its hash is kept) and revoke. Managing keys is
 * for callers no key limit binds: a server without authentication, {@code server.token}, or a key
 * with no budget, rate limit or profile restriction, so a limited key cannot mint itself a wider one
 * (403 otherwise).
 */
public final class KeyRoutes {

    private static final String BASE = "/api/v1/keys";

    private final ApiKeys keys;
    private final ObjectMapper json;

    public KeyRoutes(ApiKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    public void mount(ApiRouter router) {
        router.get(BASE, this::list)
                .post(BASE, this::create)
                .post(BASE + "/{id}/revoke", this::revoke);
    }

    private void list(ApiCall call) throws IOException {
        admin(call.caller());
        ObjectNode out = json.createObjectNode();
        var rows = out.putArray("keys");
        for (ApiKey k : keys.list()) rows.add(json.<JsonNode>valueToTree(ApiKeyJson.of(k)));
        call.send(200, out);
    }

    private void create(ApiCall call) throws IOException {
        admin(call.caller());
        call.onlyFields("name", "budget_usd", "period", "rpm", "tpm", "profiles");
        KeySpec spec;
        try {
            spec = new KeySpec(call.string("name", true), budget(call.body()), period(call.string("period", false)),
                    call.positiveInt("rpm", Integer.MAX_VALUE), call.positiveInt("tpm", Integer.MAX_VALUE), profiles(call.body()));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int colon = m.indexOf(':');
            throw ApiCall.invalid(colon < 0 ? m : "field '" + m.substring(0, colon).replace('-', '_') + "'" + m.substring(colon));
        }
        CreatedKey created = keys.create(spec);
        ObjectNode out = json.valueToTree(ApiKeyJson.of(created.key()));
        out.put("secret", created.secret().reveal());
        call.response().setHeader("Cache-Control", "no-store");
        call.send(201, out);
    }

    private void revoke(ApiCall call) throws IOException {
        admin(call.caller());
        call.onlyFields();
        String id = call.param("id");
        if (!id.startsWith("k_")) throw ApiCall.invalid("'" + id + "' is not a key id (k_ and 16 hex digits); GET " + BASE + " lists them");
        ApiKey revoked = keys.revoke(id);
        ObjectNode out = json.valueToTree(ApiKeyJson.of(revoked));
        out.put("revoked_at", revoked.revoked() == null ? null : revoked.revoked().toString());
        call.send(200, out);
    }

    private void admin(Caller caller) {
        requireUnlimited(keys, caller, "manage API keys");
    }

    /**
     * Refuses (403) a caller bound by a key limit: only a server without authentication,
     * {@code server.token} or a key without budget, rate limit or profile restriction passes.
     */
    static void requireUnlimited(ApiKeys keys, Caller caller, String what) {
        if (caller.keyId() == null) return; // --no-auth
        if ("token".equals(caller.keyId()) && "server.token".equals(caller.name())) return;
        ApiKey own = keys.list().stream().filter(k -> k.id().equals(caller.keyId())).findFirst().orElse(null);
        boolean unlimited = own != null && own.budgetUsd() == null && own.rpm() == null && own.tpm() == null && own.profiles().isEmpty();
        if (!unlimited) {
            throw BatonException.builder(ErrorCode.PERMISSION_DENIED, "key " + caller.keyId() + " has limits, so it may not " + what)
                    .suggestion("use a key without budget, rate limit or profile restriction, server.token, or `baton keys` on the server").build();
        }
    }

    private static @Nullable BigDecimal budget(JsonNode body) {
        JsonNode b = body.get("budget_usd");
        if (b == null || b.isNull()) return null;
        if (!b.isNumber()) throw ApiCall.invalid("field 'budget_usd' must be a number, not " + ApiCall.kind(b));
        return b.decimalValue();
    }

    private static @Nullable BudgetPeriod period(@Nullable String period) {
        if (period == null) return null;
        return switch (period.strip().toLowerCase(Locale.ROOT)) {
            case "day" -> BudgetPeriod.DAY;
            case "week" -> BudgetPeriod.WEEK;
            case "month" -> BudgetPeriod.MONTH;
            case "total" -> BudgetPeriod.TOTAL;
            default -> throw ApiCall.invalid("field 'period' must be day, week, month or total, not '" + period + "'");
        };
    }

    private static List<String> profiles(JsonNode body) {
        JsonNode p = body.get("profiles");
        if (p == null || p.isNull()) return List.of();
        if (!p.isArray()) throw ApiCall.invalid("field 'profiles' must be an array of profile names, not " + ApiCall.kind(p));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (!p.get(i).isString()) throw ApiCall.invalid("field 'profiles[" + i + "]' must be a string, not " + ApiCall.kind(p.get(i)));
            out.add(p.get(i).asString());
        }
        return out;
    }
}
