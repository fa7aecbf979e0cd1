package dev.baton.llm;

import java.util.Objects;

/** A model named by provider and model id, written {@code provider/model}. */
public record ModelRef(String provider, String model) {
    public ModelRef {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }

    /** Parses {@code provider/model}; the model part may itself contain slashes. */
    public static ModelRef parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("expected PROVIDER/MODEL, got '" + text + "'");
        }
        return new ModelRef(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
