package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks each profile of one configuration file on its own: {@code provider} is required, and
 * {@code model} unless the provider is {@code scripted}. Profiles replace same-named ones of other
 * tiers whole, so these checks hold per file, and they can name the file and the profile's line
 * — which the checks on the merged configuration cannot.
 */
final class ProfileEntryChecks {

    private ProfileEntryChecks() {
    }

    /**
     * Throws a {@link ConfigException} listing every incomplete profile of {@code config}, at the
     * line of its key ({@code lines}, by profile name).
     */
    static void check(BatonConfig config, Map<String, Integer> lines, Path source) {
        List<String[]> problems = new ArrayList<>();
        config.profiles().forEach((name, p) -> {
            if (p == null) {
                problems.add(new String[]{name, "profile '" + name + "' is empty: 'provider' and 'model' are required"});
                return;
            }
            if (p.provider() == null) {
                problems.add(new String[]{name, "'provider' is required in 'profiles." + name + "'" + hint(p.model())});
            } else if (p.model() == null && !"scripted".equals(p.provider())) {
                problems.add(new String[]{name, "'model' is required in 'profiles." + name + "'"});
            }
        });
        if (problems.isEmpty()) return;
        List<String> messages = new ArrayList<>();
        for (String[] problem : problems) {
            messages.add(ConfigException.at(source, lines.getOrDefault(problem[0], -1), -1, problem[1]).getMessage());
        }
        throw new ConfigException(String.join("\n", messages));
    }

    /** A {@code provider/model} written as the model is the commonest way to leave out the provider. */
    private static String hint(String model) {
        int slash = model == null ? -1 : model.indexOf('/');
        if (slash <= 0) return "";
        return " (for '" + model + "' write provider: " + model.substring(0, slash)
                + " and model: " + model.substring(slash + 1) + ")";
    }
}
