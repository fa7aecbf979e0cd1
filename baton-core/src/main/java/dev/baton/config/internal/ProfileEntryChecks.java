package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** Throws a {@link ConfigException} listing every incomplete profile of {@code config}, read from {@code text}. */
    static void check(BatonConfig config, String text, Path source, ObjectMapper yaml) {
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
        Map<String, Integer> lines = profileLines(text, yaml);
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

    /** The line of each {@code profiles.<name>} key, 1-based. */
    static Map<String, Integer> profileLines(String text, ObjectMapper yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = yaml.createParser(text)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t != JsonToken.PROPERTY_NAME) continue;
                var context = parser.streamReadContext();
                var parent = context.getParent();
                if (parent != null && parent.getParent() != null && parent.getParent().inRoot()
                        && "profiles".equals(parent.currentName())) {
                    lines.putIfAbsent(parser.currentName(), parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (RuntimeException e) {
            // Lines are a nicety here: the file was already bound, so the problem is reported without one.
        }
        return lines;
    }
}
