package dev.baton.provider.scripted;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.Capability;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ModelInfo;
import dev.baton.provider.ProviderFactory;
import dev.baton.provider.ProviderSettings;
import dev.baton.provider.ProviderStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes {@link ScriptedChatModel}s for providers of kind {@code scripted}. The provider's
 * {@code options.script} is either a path to a YAML script (relative paths resolve against the
 * working directory) or the script itself as an inline mapping; without it every model gives the
 * offline reply. The model reports the {@link ModelInfo} the profile resolved (provider name,
 * context window, prices). A bad script is a {@link ErrorCode#CONFIGURATION} failure naming the file or provider,
 * the line and the field. The probe always reports the provider reachable: it needs no network.
 */
public final class ScriptedProviderFactory implements ProviderFactory {

    /** The provider option holding the script path or the inline script. */
    public static final String SCRIPT_OPTION = "script";

    private final ScriptedScriptLoader loader = new ScriptedScriptLoader();

    @Override
    public String kind() {
        return ScriptedChatModel.PROVIDER;
    }

    @Override
    public Hosting hosting() {
        return Hosting.OFFLINE;
    }

    /** The offline model: a profile of this kind may name none. */
    @Override
    public String defaultModel() {
        return "offline";
    }

    /** A script can produce anything, so nothing is ruled out before it runs. */
    @Override
    public Set<Capability> defaultCapabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public ChatModel create(ProviderSettings settings, String model, ModelInfo info, ObjectMapper json) {
        ScriptedScript script = script(settings);
        return info != null ? ScriptedChatModel.fromScript(script, info) : ScriptedChatModel.fromScript(script, model);
    }

    @Override
    public ProviderStatus probe(ProviderSettings settings, Duration timeout, ObjectMapper json) {
        return new ProviderStatus(settings.name(), kind(), ProviderStatus.State.REACHABLE,
                "offline scripted provider, always answers", List.of());
    }

    /** The script named by the provider's options: a file, an inline mapping, or none. */
    public ScriptedScript script(ProviderSettings settings) {
        Object option = settings.options().get(SCRIPT_OPTION);
        String source = "provider '" + settings.name() + "' options." + SCRIPT_OPTION;
        try {
            return switch (option) {
                case null -> ScriptedScript.empty();
                case String file when !file.isBlank() -> loader.load(Path.of(file.strip()));
                case Map<?, ?> inline -> loader.fromMap(stringKeys(inline, source), source);
                case JsonNode inline -> loader.fromNode(inline, source);
                default -> throw configuration(source + ": expected a script file path or an inline script mapping", null);
            };
        } catch (BatonException e) {
            if (e.code() == ErrorCode.CONFIGURATION) throw e;
            throw configuration(e.getMessage(), e);
        }
    }

    /** A {@link ErrorCode#CONFIGURATION} failure: built here, since a provider does not depend on {@code config}. */
    private static BatonException configuration(String message, Throwable cause) {
        return BatonException.builder(ErrorCode.CONFIGURATION, message).cause(cause).retriable(false).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeys(Map<?, ?> map, String source) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) throw configuration(source + ": keys must be strings, got " + key, null);
        }
        return (Map<String, ?>) map;
    }
}
