package dev.baton.ensemble.run.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the text an agent receives from its input and its completed dependencies' outputs.
 * An agent with no completed dependency gets its input as is. Otherwise the ensemble's
 * {@code prompt_template} (or {@link #DEFAULT_TEMPLATE}) is filled in: {@code {{input}}} (empty
 * under {@code input_scope: dependencies}), {@code {{dependencies}}} (one {@code ### name}
 * section per dependency), {@code {{agent}}} and {@code {{dependency.NAME}}} (one dependency's
 * output; empty when it did not complete). Other text is kept as written.
 */
public final class PromptComposer {

    public static final String DEFAULT_TEMPLATE = """
            {{input}}

            Outputs of the agents this step depends on:

            {{dependencies}}""";

    public static final Pattern TEMPLATE_FIELD = Pattern.compile("\\{\\{\\s*(input|dependencies|agent|dependency\\.([^}\\s]+))\\s*}}");

    /** A dependency's name and the text of its output as this agent sees it. */
    public record Section(String name, String text) {
    }

    private PromptComposer() {
    }

    public static String compose(String template, String agent, String input, List<Section> dependencies) {
        if (dependencies.isEmpty()) return input == null ? "" : input;
        String t = template == null ? DEFAULT_TEMPLATE : template;
        Matcher m = TEMPLATE_FIELD.matcher(t);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "input" -> input == null ? "" : input;
                case "dependencies" -> sections(dependencies);
                case "agent" -> agent;
                default -> dependencies.stream().filter(s -> s.name().equals(m.group(2))).map(Section::text)
                        .findFirst().orElse("");
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    private static String sections(List<Section> dependencies) {
        StringBuilder sb = new StringBuilder();
        for (Section s : dependencies) {
            if (!sb.isEmpty()) sb.append("\n\n");
            sb.append("### ").append(s.name()).append('\n').append(s.text());
        }
        return sb.toString();
    }
}
