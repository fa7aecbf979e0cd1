package dev.baton.ensemble;

import dev.baton.ensemble.load.EnsembleCatalog;
import dev.baton.ensemble.load.EnsembleParser;
import dev.baton.ensemble.load.EnsembleValidator;
import dev.baton.ensemble.load.Problem;
import dev.baton.ensemble.spec.EnsembleSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Test helper: an ensemble from YAML, which must parse and validate cleanly. */
public final class Specs {

    private Specs() {
    }

    public static EnsembleSpec yaml(String yaml) {
        return yaml(yaml, EnsembleCatalog.empty());
    }

    public static EnsembleSpec yaml(String yaml, EnsembleCatalog catalog) {
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
