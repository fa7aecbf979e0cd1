package dev.baton.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a failure happened: provider, model, agent and operation, any of which may be null.
 */
public record ErrorContext(String provider, String model, String agent, String operation) {

    public static final ErrorContext EMPTY = new ErrorContext(null, null, null, null);

    public static ErrorContext ofModel(String provider, String model) {
        return new ErrorContext(provider, model, null, null);
    }

    public ErrorContext withAgent(String agent) {
        return new ErrorContext(provider, model, agent, operation);
    }

    public ErrorContext withOperation(String operation) {
        return new ErrorContext(provider, model, agent, operation);
    }

    /** Fields of this context that are set, in a stable order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (provider != null) map.put("provider", provider);
        if (model != null) map.put("model", model);
        if (agent != null) map.put("agent", agent);
        if (operation != null) map.put("operation", operation);
        return map;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
