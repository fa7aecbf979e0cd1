package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorSettings;
import dev.baton.coordinator.JobContext;
import dev.baton.tool.Tools;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code codebase_context}: searches the workspace's source files for the question's words, ranks
 * the files by matches, and gives the model each file's header comments and documentation blocks
 * (the comment lines of its first lines) with the matched lines, to explain what each is for.
 */
final class CodebaseContextTool extends InternalTool {

    /** Lines read from the top of each file for its header comments. */
    static final int HEADER_LINES = 60;
    private static final int MAX_HEADER_CHARS = 2_000;

    CodebaseContextTool(Supplier<Tools> tools, PromptTemplates templates, CoordinatorSettings settings) {
        super(tools, templates, settings);
    }

    @Override
    public String name() {
        return "codebase_context";
    }

    @Override
    public String description() {
        return "Finds the source files relevant to the question by a search over the project tree and explains "
                + "their purpose from their header comments and documentation blocks.";
    }

    @Override
    String gather(JobContext ctx, WorkspaceReader reader, String focus, int limit) {
        String regex = SearchTerms.regex(focus);
        if (regex == null) return "(no search terms in the question)\nTop-level listing:\n" + reader.list(".");
        Map<String, List<String>> files = SearchHits.ranked(reader.search(regex, null, 500), p -> !SearchHits.isDoc(p), limit);
        if (files.isEmpty()) return "(no source file matches " + regex + ")\nTop-level listing:\n" + reader.list(".");
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> f : files.entrySet()) {
            out.append("### ").append(f.getKey()).append(" (").append(f.getValue().size()).append(" matching lines)\n");
            String header = commentLines(reader.read(f.getKey(), 1, HEADER_LINES));
            if (!header.isBlank()) out.append("Header comments:\n").append(header).append('\n');
            out.append("Matches:\n");
            f.getValue().stream().limit(5).forEach(m -> out.append("  ").append(m).append('\n'));
            ctx.progress(out.toString());
        }
        return out.toString();
    }

    /** The comment and documentation lines of a {@code read_file} answer, numbers dropped. */
    static String commentLines(String readFileOutput) {
        StringBuilder sb = new StringBuilder();
        boolean block = false;
        for (String raw : readFileOutput.split("\n")) {
            int tab = raw.indexOf('\t');
            if (tab < 0) continue;
            String line = raw.substring(tab + 1).strip();
            boolean starts = line.startsWith("/*") || line.startsWith("\"\"\"");
            boolean comment = block || starts || line.startsWith("//") || line.startsWith("#") || line.startsWith("*")
                    || line.startsWith("--") || line.startsWith(";;");
            if (starts && !line.contains("*/")) block = true;
            if (block && line.contains("*/")) block = false;
            if (comment && !line.startsWith("#!") && !line.startsWith("#include") && !line.startsWith("#import")) {
                sb.append("  ").append(line).append('\n');
                if (sb.length() > MAX_HEADER_CHARS) break;
            }
        }
        return sb.toString();
    }
}
