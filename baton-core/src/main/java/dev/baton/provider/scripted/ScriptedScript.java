package dev.baton.provider.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scripted model answers. {@code replies} are handed out in order, one per call, until
 * they run out; after that the first {@code rules} entry whose regex is found in the prompt
 * answers; when none does, {@code fallback} answers, and without a fallback the model gives its
 * deterministic offline reply. {@code matchOn} is the default text rules match against
 * ({@link MatchOn#LAST_USER} when absent). {@code modelInfo} sets what the model reports about
 * itself. Load one from YAML with {@link ScriptedScriptLoader}.
 */
public record ScriptedScript(@JsonProperty("match_on") MatchOn matchOn,
                             @JsonProperty("replies") List<ScriptedReply> replies,
                             @JsonProperty("rules") List<ScriptedRule> rules,
                             @JsonProperty("fallback") ScriptedReply fallback,
                             @JsonProperty("model_info") ScriptedModelSettings modelInfo) {

    public ScriptedScript {
        if (matchOn == null) matchOn = MatchOn.LAST_USER;
        replies = replies == null ? List.of() : List.copyOf(replies);
        rules = rules == null ? List.of() : List.copyOf(rules);
        if (modelInfo == null) modelInfo = ScriptedModelSettings.DEFAULTS;
    }

    /** A script with nothing in it: every call gets the offline reply. */
    public static ScriptedScript empty() {
        return new ScriptedScript(null, null, null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ScriptedScript withModelInfo(ScriptedModelSettings settings) {
        return new ScriptedScript(matchOn, replies, rules, fallback, settings);
    }

    /** Builder for scripts written in Java. */
    public static final class Builder {
        private MatchOn matchOn;
        private final List<ScriptedReply> replies = new ArrayList<>();
        private final List<ScriptedRule> rules = new ArrayList<>();
        private ScriptedReply fallback;
        private ScriptedModelSettings modelInfo;

        private Builder() {
        }

        public Builder matchOn(MatchOn target) { this.matchOn = target; return this; }
        public Builder reply(ScriptedReply reply) { this.replies.add(reply); return this; }
        public Builder replyText(String text) { return reply(ScriptedReply.text(text)); }
        public Builder rule(ScriptedRule rule) { this.rules.add(rule); return this; }
        public Builder rule(String regex, ScriptedReply reply) { return rule(ScriptedRule.of(regex, reply)); }
        public Builder fallback(ScriptedReply reply) { this.fallback = reply; return this; }
        public Builder modelInfo(ScriptedModelSettings settings) { this.modelInfo = settings; return this; }

        public ScriptedScript build() {
            return new ScriptedScript(matchOn, replies, rules, fallback, modelInfo);
        }
    }
}
