package dev.baton.ensemble.load;

import dev.baton.ensemble.spec.EnsembleSpec;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds ensembles by name, for ensemble agents ({@code ensemble: NAME}) and loop bodies. An
 * implementation returns the parsed spec, or empty when no ensemble has that name; it throws
 * {@link EnsembleDefinitionException} when the ensemble exists but cannot be parsed.
 */
@FunctionalInterface
public interface EnsembleCatalog {

    Optional<EnsembleSpec> find(String name);

    /** A catalog that knows no ensembles. */
    static EnsembleCatalog empty() {
        return name -> Optional.empty();
    }

    /** A catalog over the given specs, by name. */
    static EnsembleCatalog of(List<EnsembleSpec> specs) {
        Map<String, EnsembleSpec> byName = specs.stream()
                .collect(Collectors.toUnmodifiableMap(EnsembleSpec::name, Function.identity(), (a, b) -> a));
        return name -> Optional.ofNullable(byName.get(name));
    }
}
