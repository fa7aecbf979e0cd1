package dev.baton.mcp.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A level-1 URI template ({@code test://template/{id}/data}): matches a URI and extracts its variables. */
final class UriTemplate {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private final Pattern pattern;
    private final List<String> names = new ArrayList<>();

    UriTemplate(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = VARIABLE.matcher(template);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/?#]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        pattern = Pattern.compile(regex.toString());
    }

    /** The variables of {@code uri}, or an empty map when it does not match. */
    Map<String, String> variables(String uri) {
        Matcher m = pattern.matcher(uri);
        Map<String, String> out = new LinkedHashMap<>();
        if (!m.matches()) return out;
        for (int i = 0; i < names.size(); i++) out.put(names.get(i), m.group(i + 1));
        return out;
    }
}
