package dev.baton.ensemble.run.internal;

import dev.baton.ensemble.run.AgentResult;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.spec.InputScope;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Works out what an agent receives before it runs. By default its input is the run input and
 * every completed dependency is shown to it. {@code input_key: K} makes its input field K of the
 * first completed dependency whose JSON output has K (that dependency is then not shown again).
 * {@code fan_out} takes the array to fan out from the {@code input_key} selection, else from the
 * first completed dependency whose output is a JSON array or {@code {"data": [...]}}.
 */
final class AgentInputs {

    /**
     * The prepared input: {@code input} (null for fan-out, where each element is an input),
     * the dependencies to show in the prompt, all completed dependencies, the fan-out elements
     * (null when not fanning out) and whether {@code input} is the run input itself.
     */
    record Prepared(JsonNode input, List<AgentResult> shown, List<AgentResult> completed, JsonNode items,
                    boolean runInput) {
    }

    private AgentInputs() {
    }

    static Prepared prepare(AgentSpec a, String runInput, List<AgentResult> completed) {
        List<AgentResult> shown = new ArrayList<>(completed);
        JsonNode input = JsonNodeFactory.instance.stringNode(runInput);
        boolean isRunInput = true;
        if (a.inputKey() != null) {
            AgentResult source = completed.stream()
                    .filter(d -> d.outputJson() != null && d.outputJson().isObject() && d.outputJson().has(a.inputKey()))
                    .findFirst()
                    .orElseThrow(() -> invalid(a, "input_key '" + a.inputKey()
                            + "' is not a field of the JSON output of any completed dependency " + names(completed)));
            input = source.outputJson().get(a.inputKey());
            shown.remove(source);
            isRunInput = false;
        }
        if (!a.fanOut()) return new Prepared(input, shown, completed, null, isRunInput);
        JsonNode items;
        if (a.inputKey() != null) {
            items = unwrapData(input);
            if (items == null) throw invalid(a, "fan_out needs input_key '" + a.inputKey() + "' to hold a JSON array");
        } else {
            AgentResult source = completed.stream().filter(d -> unwrapData(d.outputJson()) != null).findFirst()
                    .orElseThrow(() -> invalid(a, completed.isEmpty()
                            ? "fan_out: no dependency completed, so there is no array to fan out"
                            : "fan_out needs a JSON array (or {\"data\": [...]}) from one of " + names(completed)));
            items = unwrapData(source.outputJson());
            shown.remove(source);
        }
        return new Prepared(null, shown, completed, items, false);
    }

    /** The text an LLM, ensemble or loop agent receives for {@code input}. */
    static String prompt(EnsembleSpec spec, AgentSpec a, Prepared p, JsonNode input) {
        String inputText = p.runInput() && a.inputScope() == InputScope.DEPENDENCIES && !p.shown().isEmpty()
                ? null : JsonText.text(input);
        List<PromptComposer.Section> sections = p.shown().stream()
                .map(d -> new PromptComposer.Section(d.name(), d.output())).toList();
        return PromptComposer.compose(spec.promptTemplate(), a.name(), inputText, sections);
    }

    private static JsonNode unwrapData(JsonNode node) {
        if (node == null) return null;
        if (node.isArray()) return node;
        if (node.isObject() && node.has("data") && node.get("data").isArray()) return node.get("data");
        return null;
    }

    private static List<String> names(List<AgentResult> results) {
        return results.stream().map(AgentResult::name).toList();
    }

    private static BatonException invalid(AgentSpec a, String message) {
        return new BatonException(ErrorCode.VALIDATION, "agent '" + a.name() + "': " + message);
    }
}
