package dev.baton.operation.internal;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operation's prompt template: the same {@code {{name}}} placeholder syntax ensembles use in
 * {@code prompt_template}, over the operation's input. {@code {{input}}} becomes the whole input as
 * JSON; {@code {{field}}} the input's top-level field (a string as is, any other value as JSON,
 * empty when absent). Text outside placeholders is kept exactly.
 */
public final class PromptTemplate {

    /** The placeholder for the whole input. */
    public static final String INPUT = "input";

    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_-]*)\\s*}}");

    private PromptTemplate() {
    }

    /** The names of the placeholders {@code template} uses, in order of first use. */
    public static Set<String> placeholders(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = FIELD.matcher(template);
        while (m.find()) names.add(m.group(1));
        return names;
    }

    /** The placeholders of {@code template} that are neither {@code input} nor a top-level property of {@code inputSchema}. */
    public static List<String> unknown(String template, JsonNode inputSchema) {
        JsonNode properties = inputSchema.path("properties");
        List<String> out = new ArrayList<>();
        for (String name : placeholders(template)) {
            if (!name.equals(INPUT) && !properties.has(name)) out.add(name);
        }
        return out;
    }

    /** {@code template} with its placeholders filled from {@code input}. */
    public static String render(String template, JsonNode input) {
        Matcher m = FIELD.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 256);
        while (m.find()) {
            String name = m.group(1);
            JsonNode value = name.equals(INPUT) && !input.has(INPUT) ? input : input.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(text(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) return "";
        return value.isString() ? value.stringValue() : value.toString();
    }
}
