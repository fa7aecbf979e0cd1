package dev.baton.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Test helper: an ensemble from YAML, which must parse and validate cleanly. */
final class Specs {

    private Specs() {
    }

    static EnsembleSpec yaml(String yaml) {
        return yaml(yaml, EnsembleCatalog.empty());
    }

    static EnsembleSpec yaml(String yaml, EnsembleCatalog catalog) {
        EnsembleParser.Parsed parsed = new EnsembleParser().parse(yaml, null);
        List<Problem> problems = new ArrayList<>(parsed.problems());
        if (parsed.spec() != null) {
            problems.addAll(new EnsembleValidator(EnsembleValidator.Options.defaults().withCatalog(catalog))
                    .validate(parsed.spec()));
        }
        assertThat(problems).as("problems").isEmpty();
        return parsed.spec();
    }
}
