package dev.baton.config;

import java.util.Map;
import java.util.function.Function;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in configuration strings from the
 * environment. {@code $$} stands for a literal dollar sign. An unset variable without a
 * default expands to an empty string.
 */
public final class EnvExpander {

    private final Function<String, String> env;

    public EnvExpander(Function<String, String> env) {
        this.env = env;
    }

    public static EnvExpander of(Map<String, String> env) {
        return new EnvExpander(env::get);
    }

    public String expand(String text) {
        if (text == null || text.indexOf('$') < 0) return text;
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    out.append(text, i, text.length());
                    break;
                }
                out.append(resolve(text.substring(i + 2, end)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String expr) {
        int sep = expr.indexOf(":-");
        String name = sep < 0 ? expr : expr.substring(0, sep);
        String value = env.apply(name.strip());
        if (value == null || value.isEmpty()) return sep < 0 ? "" : expr.substring(sep + 2);
        return value;
    }
}
