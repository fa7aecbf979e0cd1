package dev.baton.cli;

import dev.baton.ensemble.spec.AgentKind;
import dev.baton.ensemble.spec.AgentSpec;
import dev.baton.ensemble.spec.EnsembleSpec;
import dev.baton.ensemble.service.Scripts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The parameters a script declares in its header, the way the library scripts do it: a line
 * {@code parameters:} in the leading comment or docstring, followed by indented lines that each
 * start with a parameter name, two or more spaces, and its description, e.g.
 *
 * <pre>
 * parameters:
 *   chunk_words  words per chunk (integer &gt;= 1, default 300)
 *   overlap      words repeated from the end of the previous chunk
 * </pre>
 *
 * Deeper-indented continuation lines and prose lines ("At least one of ...") are not names. The
 * block ends at a blank or unindented line. A script without such a block declares nothing, and
 * nothing is checked against it.
 */
final class ScriptParameters {

    private static final int HEADER_LINES = 80;
    private static final Pattern COMMENT = Pattern.compile("^\\s*(?:#|//)(?!!) ?");
    private static final Pattern ENTRY = Pattern.compile("^(\\s+)([A-Za-z_][A-Za-z0-9_]*)(?:\\s{2,}\\S.*)?$");

    private ScriptParameters() {
    }

    /** The names {@code script} declares, in order; empty when it has no {@code parameters:} block. */
    static Optional<Set<String>> declared(Path script) {
        List<String> header;
        try (Stream<String> lines = Files.lines(script, StandardCharsets.UTF_8)) {
            header = lines.limit(HEADER_LINES).toList();
        } catch (IOException | UncheckedIOException unreadable) {
            return Optional.empty(); // a binary or unreadable file declares nothing we can read
        }
        return declared(header);
    }

    static Optional<Set<String>> declared(List<String> header) {
        List<String> text = new ArrayList<>();
        for (String line : header) text.add(COMMENT.matcher(line).replaceFirst(""));
        int start = -1;
        for (int i = 0; i < text.size() && start < 0; i++) {
            if (text.get(i).strip().equalsIgnoreCase("parameters:")) start = i + 1;
        }
        if (start < 0) return Optional.empty();
        Set<String> names = new LinkedHashSet<>();
        int indent = -1;
        for (int i = start; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank() || !Character.isWhitespace(line.charAt(0))) break;
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) continue;
            int width = m.group(1).length();
            if (indent < 0) indent = width;
            if (width == indent) names.add(m.group(2));
        }
        return Optional.of(names);
    }

    /**
     * One warning line naming each of {@code given} that {@code declared} lacks, and the declared
     * ones; empty when every given name is declared.
     */
    static Optional<String> unknown(String scriptName, Set<String> declared, Iterable<String> given) {
        List<String> unknown = new ArrayList<>();
        for (String g : given) if (!declared.contains(g)) unknown.add(g);
        if (unknown.isEmpty()) return Optional.empty();
        return Optional.of(scriptName + " does not declare " + Quantity.noun(unknown.size(), "parameter") + " "
                + String.join(", ", unknown.stream().map(u -> "'" + u + "'").toList()) + "; it declares "
                + (declared.isEmpty() ? "none" : String.join(", ", declared)));
    }

    /**
     * One warning per script agent of {@code ensemble} that passes a parameter its script does not
     * declare ({@code agent 'chunk': chunk_text.py does not declare ...}). Agents whose script is an
     * inline command, or is not found, or declares nothing, are not checked.
     */
    static List<String> check(EnsembleSpec ensemble, Scripts catalog) {
        List<String> warnings = new ArrayList<>();
        for (AgentSpec a : ensemble.agents()) {
            if (!(a.kind() instanceof AgentKind.Script) || a.parameters() == null || !a.parameters().isObject()) continue;
            catalog.find(a.script().strip()).ifPresent(script -> declared(script.path())
                    .flatMap(declared -> unknown(script.name(), declared, a.parameters().propertyNames()))
                    .ifPresent(w -> warnings.add("agent '" + a.name() + "': " + w)));
        }
        return warnings;
    }
}
