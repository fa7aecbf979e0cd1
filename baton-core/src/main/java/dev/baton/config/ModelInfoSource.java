package dev.baton.config;

import dev.baton.llm.ModelInfo;

import java.util.Optional;

/** What is known of a model of a provider kind (the model catalog, in practice). */
@FunctionalInterface
public interface ModelInfoSource {

    Optional<ModelInfo> find(String providerKind, String model);

    ModelInfoSource NONE = (kind, model) -> Optional.empty();
}
