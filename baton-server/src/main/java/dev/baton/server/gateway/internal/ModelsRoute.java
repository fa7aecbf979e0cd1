package dev.baton.server.gateway.internal;

import dev.baton.Baton;
import dev.baton.ensemble.service.EnsembleEntry;
import dev.baton.server.Caller;
import dev.baton.server.Exchange;
import dev.baton.server.Route;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /v1/models}: OpenAI's model list of what {@code model} may name here, as far as the
 * caller's key may use it: the profiles, the aliases and {@code ensemble:NAME} for every ensemble
 * that parses. {@code owned_by} says which kind each is ({@code profile}, {@code alias},
 * {@code ensemble}).
 */
public final class ModelsRoute implements Route {

    public static final String ROUTE = "/v1/models";

    private final Baton baton;
    private final ObjectMapper json;

    public ModelsRoute(Baton baton, ObjectMapper json) {
        this.baton = baton;
        this.json = json;
    }

    @Override
    public void serve(Exchange res) throws IOException {
        res.route(ROUTE);
        Caller caller = res.caller();
        Map<String, String> models = new LinkedHashMap<>();
        for (String profile : baton.profiles().names()) models.put(profile, "profile");
        for (String alias : baton.config().aliases().keySet()) models.putIfAbsent(alias, "alias");
        var agentic = AgenticTurns.configured(baton);
        if (agentic != null) models.put(agentic.model(), "agentic");
        for (EnsembleEntry e : baton.ensembles().list()) {
            if (e.ok() && !e.shadowed()) models.putIfAbsent(ModelTarget.ENSEMBLE_PREFIX + e.name(), "ensemble");
        }
        res.contentType("application/json");
        try (JsonGenerator g = json.createGenerator(res.output())) {
            g.writeStartObject();
            g.writeStringProperty("object", "list");
            g.writeName("data");
            g.writeStartArray();
            for (Map.Entry<String, String> m : models.entrySet()) {
                if (!caller.mayUse(m.getKey()) && !mayUseTarget(caller, m.getKey())) continue;
                g.writeStartObject();
                g.writeStringProperty("id", m.getKey());
                g.writeStringProperty("object", "model");
                g.writeNumberProperty("created", 0);
                g.writeStringProperty("owned_by", m.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private boolean mayUseTarget(Caller caller, String name) {
        var agentic = AgenticTurns.configured(baton);
        if (agentic != null && agentic.model().equals(name)) return caller.mayUse(ModelTarget.ENSEMBLE_PREFIX + agentic.ensemble());
        if (name.startsWith(ModelTarget.ENSEMBLE_PREFIX)) return false;
        try {
            return caller.mayUse(baton.profiles().target(name));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
