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
    CONVERSATION,
    /**
     * The tool results that end the conversation (the messages after its last assistant message,
     * when they are tool results), one line per result written {@code name: content}, with
     * {@code error: } before the content of an error result; empty when the conversation does
     * not end with tool results. So {@code match: "."} matches exactly the round after tool calls.
     */
    TOOL_RESULTS
}
