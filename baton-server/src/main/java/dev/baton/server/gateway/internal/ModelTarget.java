package dev.baton.server.gateway.internal;

import dev.baton.Baton;
import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.server.Caller;

/**
 * What a request's {@code model} names: a profile (a profile name, an alias or a
 * {@code provider/model} id, resolved to the profile it stands for), an ensemble
 * ({@code ensemble:NAME}) or the agentic serving model ({@code server.agentic.model}, which runs
 * its serving ensemble per turn: {@code ensemble} and {@code agentic} both true).
 * {@code requested} is the name as the client sent it.
 */
public record ModelTarget(String requested, String profile, boolean ensemble, boolean agentic) {

    /** A profile or {@code ensemble:NAME} target. */
    public ModelTarget(String requested, String profile, boolean ensemble) {
        this(requested, profile, ensemble, false);
    }

    /** The prefix that makes a model name an ensemble. */
    public static final String ENSEMBLE_PREFIX = "ensemble:";

    /** The ensemble's name (for an ensemble target). */
    public String ensembleName() {
        return profile;
    }

    /**
     * Resolves {@code model} for {@code caller}.
     *
     * @throws BatonException INVALID_REQUEST without a model, NOT_FOUND for an unknown one,
     *                        PERMISSION_DENIED when the caller's key may not use it
     */
    public static ModelTarget resolve(Baton baton, Caller caller, String model) {
        if (model == null || model.isBlank()) {
            throw new BatonException(ErrorCode.INVALID_REQUEST, "field 'model' is required: a profile, an alias, "
                    + "a provider/model id or ensemble:NAME (GET /v1/models lists them)");
        }
        var agentic = AgenticTurns.configured(baton);
        if (agentic != null && agentic.model().equals(model)) {
            if (!caller.mayUse(model) && !caller.mayUse(ENSEMBLE_PREFIX + agentic.ensemble())) throw denied(caller, model);
            return new ModelTarget(model, agentic.ensemble(), true, true);
        }
        if (model.startsWith(ENSEMBLE_PREFIX)) {
            String name = model.substring(ENSEMBLE_PREFIX.length());
            if (name.isBlank()) throw new BatonException(ErrorCode.INVALID_REQUEST, "model 'ensemble:' needs an ensemble name");
            if (!caller.mayUse(model)) throw denied(caller, model);
            return new ModelTarget(model, name, true);
        }
        String target;
        try {
            target = baton.profiles().target(model);
        } catch (BatonException e) {
            throw BatonException.builder(ErrorCode.NOT_FOUND, "model '" + model + "' is not a profile, alias or provider/model id")
                    .suggestion("GET /v1/models lists the models this server offers").build();
        }
        int slash = target.indexOf('/');
        if (slash > 0 && baton.providers().settings(target.substring(0, slash)).isEmpty()) {
            throw BatonException.builder(ErrorCode.NOT_FOUND, "model '" + model + "' names provider '"
                    + target.substring(0, slash) + "', which is not configured")
                    .suggestion("GET /v1/models lists the models this server offers").build();
        }
        if (!caller.mayUse(model) && !caller.mayUse(target)) throw denied(caller, model);
        return new ModelTarget(model, target, false);
    }

    private static BatonException denied(Caller caller, String model) {
        return BatonException.builder(ErrorCode.PERMISSION_DENIED,
                        "API key '" + caller.name() + "' may not use model '" + model + "'")
                .suggestion("allowed: " + String.join(", ", caller.profiles())).build();
    }
}
