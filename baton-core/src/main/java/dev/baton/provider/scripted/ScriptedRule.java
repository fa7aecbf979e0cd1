package dev.baton.provider.scripted;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A reply given whenever a regex is found in the prompt. {@code match} is a
 * {@link java.util.regex.Pattern} searched for (not matched whole) in the text chosen by
 * {@code matchOn}; {@code null} there means the script's default. Inline flags such as
 * {@code (?i)} work. The regex is checked when the rule is built.
 */
public record ScriptedRule(@JsonProperty(value = "match", required = true) String match,
                           @JsonProperty("match_on") MatchOn matchOn,
                           @JsonProperty(value = "reply", required = true) ScriptedReply reply) {

    public ScriptedRule {
        Objects.requireNonNull(match, "a rule needs a 'match' regex");
        Objects.requireNonNull(reply, "a rule needs a 'reply'");
        try {
            Pattern.compile(match);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex in 'match': " + e.getDescription()
                    + " near index " + e.getIndex() + " of " + match, e);
        }
    }

    public static ScriptedRule of(String regex, ScriptedReply reply) {
        return new ScriptedRule(regex, null, reply);
    }

    /** Whether the regex is found in {@code text}. */
    public boolean matches(String text) {
        return Pattern.compile(match).matcher(text).find();
    }
}
