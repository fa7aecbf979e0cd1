package dev.baton.config.internal;

import dev.baton.config.BatonConfig;
import dev.baton.config.ConfigException;
import dev.baton.config.ResolvedProfile;
import dev.baton.config.UnsetVariable;
import dev.baton.error.ErrorCode;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.util.List;

/**
 * What a profile needs before its first call, checked when it is used rather than when the
 * configuration loads (so that a config mentioning an unused provider's unset variable still
 * loads): no value of the profile or its provider may come from an unset {@code ${VAR}}, and a
 * provider that calls a hosted API at its own endpoint must have an API key (what
 * {@link ProviderFactory#needsApiKey} says: OpenAI, Anthropic, Gemini, or a plug-in naming key variables). Failures are {@link ConfigException}s ({@link ErrorCode#CONFIGURATION}) naming the file,
 * line, field and variable.
 */
public final class ProfileUseCheck {

    private final List<UnsetVariable> unset;
    private final JsonNode effective;

    /**
     * @param unset  the variables found unset while reading the configuration files
     * @param config the merged configuration, to tell a value that won from one a later file replaced
     */
    public ProfileUseCheck(List<UnsetVariable> unset, BatonConfig config, ObjectMapper json) {
        this.unset = List.copyOf(unset);
        // Serialised only when some variable was unset: the common case costs nothing.
        this.effective = this.unset.isEmpty() ? null : json.valueToTree(config);
    }

    /** A check with nothing unset (configuration built in code, not read from files). */
    public static ProfileUseCheck none() {
        return new ProfileUseCheck(List.of(), BatonConfig.EMPTY, null);
    }

    /**
     * @param profile the profile about to be called
     * @param usedAs  the name it is called by (a profile, {@code default}, or {@code provider/model})
     * @param factory the adapter factory of the profile's provider, which says whether it needs a key
     * @throws ConfigException naming what is missing
     */
    public void check(ResolvedProfile profile, String usedAs, ProviderFactory factory) {
        ProviderSettings ps = profile.provider();
        for (UnsetVariable u : unset) {
            if (concerns(u, profile.name(), ps.name()) && stillInEffect(u)) {
                throw ConfigException.withSuggestion(u.location() + ": " + u.field() + " uses ${" + u.variable()
                                + "}, which is not set (needed by profile '" + usedAs + "')",
                        "Set " + u.variable() + ", or give a default: ${" + u.variable() + ":-value}.");
            }
        }
        if (factory.needsApiKey(ps)) {
            List<String> vars = factory.keyVariables();
            String setting = ps.name().equals(ps.kind()) ? String.join(" or ", vars) : "api_key under providers." + ps.name();
            throw ConfigException.withSuggestion("profile '" + usedAs + "' (" + profile.modelRef()
                            + ") needs an API key for provider '" + ps.name() + "', and none is set",
                    "Set " + setting + ", or store one with `baton auth add " + ps.name()
                            + "`; `-p offline` answers without a key.");
        }
    }

    private static boolean concerns(UnsetVariable u, String profile, String provider) {
        return u.field().startsWith("profiles." + profile + ".") || u.field().startsWith("providers." + provider + ".");
    }

    /** Whether the merged configuration still holds the value this file gave (a later file may have replaced it). */
    private boolean stillInEffect(UnsetVariable u) {
        JsonNode node = effective.at(pointer(u.field()));
        return node.isMissingNode() || node.isNull() || u.expandedTo().equals(node.asString());
    }

    private static String pointer(String field) {
        StringBuilder p = new StringBuilder();
        for (String part : field.replace("[", ".[").split("\\.")) {
            if (part.isEmpty()) continue;
            String seg = part.startsWith("[") ? part.substring(1, part.length() - 1) : part;
            p.append('/').append(seg.replace("~", "~0").replace("/", "~1"));
        }
        return p.toString();
    }
}
