package dev.baton.tool.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Removes secrets from tool arguments before they are recorded, audited or shown for approval:
 * the value of every field whose name contains {@code key}, {@code token}, {@code secret},
 * {@code password} or {@code authorization} (any case, at any depth), and every string that looks
 * like a provider credential wherever it appears, become {@code "[redacted]"}.
 */
final class ArgumentRedactor {

    static final String REDACTED = "[redacted]";
    private static final String[] SECRET_NAMES = {"key", "token", "secret", "password", "authorization"};
    /** OpenAI/Anthropic/xAI/Groq keys, Google API keys, AWS access key ids, GitHub and Slack tokens, bearer headers. */
    private static final Pattern KEY_LIKE = Pattern.compile(
            "(sk-|sk_|xai-|gsk_)[A-Za-z0-9_\\-]{12,}|AIza[A-Za-z0-9_\\-]{20,}|AKIA[A-Z0-9]{16}"
                    + "|gh[pousr]_[A-Za-z0-9]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{12,}");

    private ArgumentRedactor() {
    }

    /** A redacted copy of {@code arguments}. */
    static JsonNode redact(JsonNode arguments) {
        JsonNode copy = arguments.deepCopy();
        return scrub(copy);
    }

    /** Text that is not JSON: only its size is kept, since a secret could be anywhere in it. */
    static String unparseable(String text) {
        return "\"[arguments not JSON, " + text.length() + " characters]\"";
    }

    private static JsonNode scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : java.util.List.copyOf(object.propertyNames())) {
                JsonNode value = object.get(name);
                if (isSecretName(name) && !value.isNull()) object.put(name, REDACTED);
                else object.set(name, scrub(value));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) array.set(i, scrub(array.get(i)));
            return array;
        }
        if (node.isString() && KEY_LIKE.matcher(node.asString()).find()) return StringNode.valueOf(REDACTED);
        return node;
    }

    static boolean isSecretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String s : SECRET_NAMES) {
            if (n.contains(s)) return true;
        }
        return false;
    }
}
