package dev.baton.provider.scripted;

/**
 * Which text a {@link ScriptedRule}'s regex is matched against. In YAML: {@code last_user} or
 * {@code conversation} (case-insensitive).
 */
public enum MatchOn {
    /** The text of the last user message (empty when there is none). */
    LAST_USER,
    /**
     * The whole conversation, one line per message written {@code role: text} (roles in lower
     * case, tool calls of assistant messages as {@code name(arguments)}), joined by new lines.
     */
    CONVERSATION
}
