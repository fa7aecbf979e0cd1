package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.JobContext;
import dev.baton.tool.Tools;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code documentation_context}: searches the project's Markdown documents for the question's
 * words and gives the model each document's headings, the matching passages and the documents it
 * links to (its cross-references).
 */
final class DocumentationContextTool extends InternalTool {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+\\.(?:md|markdown))(#[^)]*)?\\)");
    static final int READ_LINES = 400;

    DocumentationContextTool(Supplier<Tools> tools, PromptTemplates templates, CoordinatorSettings settings) {
        super(tools, templates, settings);
    }

    @Override
    public String name() {
        return "documentation_context";
    }

    @Override
    public String description() {
        return "Finds the Markdown documents relevant to the question and reports their headings, the matching "
                + "passages and their cross-references to other documents.";
    }

    @Override
    String gather(JobContext ctx, WorkspaceReader reader, String focus, int limit) {
        String regex = SearchTerms.regex(focus);
        if (regex == null) return "(no search terms in the question)";
        Map<String, List<String>> docs = SearchHits.ranked(reader.search(regex, "*.md", 500), SearchHits::isDoc, limit);
        if (docs.isEmpty()) return "(no Markdown document matches " + regex + ")";
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> d : docs.entrySet()) {
            String text = reader.read(d.getKey(), 1, READ_LINES);
            out.append("### ").append(d.getKey()).append('\n');
            Set<String> headings = new LinkedHashSet<>();
            Set<String> links = new LinkedHashSet<>();
            for (String raw : text.split("\n")) {
                int tab = raw.indexOf('\t');
                if (tab < 0) continue;
                String line = raw.substring(tab + 1);
                if (line.startsWith("#")) headings.add(line.strip());
                Matcher m = LINK.matcher(line);
                while (m.find()) links.add(m.group(1));
            }
            if (!headings.isEmpty()) out.append("Headings: ").append(String.join(" | ", headings.stream().limit(20).toList())).append('\n');
            out.append("Matching passages:\n");
            d.getValue().stream().limit(8).forEach(m -> out.append("  ").append(m).append('\n'));
            if (!links.isEmpty()) out.append("Links to: ").append(String.join(", ", links)).append('\n');
            ctx.progress(out.toString());
        }
        return out.toString();
    }
}
