package dev.baton.config.internal;

import dev.baton.config.UnsetVariable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Expands {@code ${NAME}} and {@code ${NAME:-default}} in configuration strings from the
 * environment. {@code $$} stands for a literal dollar sign. An unset (or empty) variable without a
 * default expands to an empty string; when the text came from a configuration file
 * ({@link #expand(String, Path, int, String)}) the expander also remembers it as an
 * {@link UnsetVariable}, so that the profile using that value can fail naming it, while a config
 * that merely mentions an unset variable for an unused profile still loads.
 */
public final class EnvExpander {

    private final Function<String, String> env;
    private final List<UnsetVariable> unset = new CopyOnWriteArrayList<>();

    public EnvExpander(Function<String, String> env) {
        this.env = env;
    }

    public static EnvExpander of(Map<String, String> env) {
        return new EnvExpander(env::get);
    }

    public String expand(String text) {
        return expand(text, null);
    }

    /**
     * Expands {@code text}, the value of {@code field} read from {@code file} at {@code line}, and
     * remembers each variable it referenced without a default that is not set.
     */
    public String expand(String text, Path file, int line, String field) {
        List<String> missing = new ArrayList<>(0);
        String out = expand(text, missing);
        for (String name : missing) unset.add(new UnsetVariable(file, line, field, name, out));
        return out;
    }

    /** The variables found unset by {@link #expand(String, Path, int, String)}, in reading order. */
    public List<UnsetVariable> unsetVariables() {
        return List.copyOf(unset);
    }

    private String expand(String text, List<String> missing) {
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
                out.append(resolve(text.substring(i + 2, end), missing));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String expr, List<String> missing) {
        int sep = expr.indexOf(":-");
        String name = (sep < 0 ? expr : expr.substring(0, sep)).strip();
        String value = env.apply(name);
        if (value != null && !value.isEmpty()) return value;
        if (sep >= 0) return expr.substring(sep + 2);
        if (missing != null) missing.add(name);
        return "";
    }
}
