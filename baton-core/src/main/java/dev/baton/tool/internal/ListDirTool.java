package dev.baton.tool.internal;

import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code list_dir}: the entries of one folder in the workspace, with type and size. */
public final class ListDirTool extends BuiltinTool {

    /** The most entries one call lists. */
    static final int MAX_ENTRIES = 1000;

    private static final String DESCRIPTION = """
            Lists the entries of one folder in the workspace (not recursive), sorted by name, one per \
            line as "TYPE SIZE NAME": TYPE is file, dir, link or other; SIZE is the size in bytes for \
            files and "-" otherwise; folder names end with "/". path defaults to the workspace root; \
            paths outside the workspace are refused. At most 1000 entries are listed (the output says \
            how many were left out); use search_text to find files by content.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "path":{"type":"string","description":"folder path relative to the workspace root, default \\".\\""}
            },"additionalProperties":false}""";

    public ListDirTool() {
        super("list_dir", ToolCategory.READ, DESCRIPTION, SCHEMA);
    }

    private record Entry(String name, String type, long size) {
    }

    @Override
    ToolResult run(ObjectNode args, ToolContext ctx) throws Exception {
        String arg = ToolArgs.optString(args, "path");
        Path dir = ToolArgs.readable(ctx.sandbox(), "path", arg == null ? "." : arg);
        String shown = ToolArgs.display(ctx.sandbox(), dir);
        if (!Files.isDirectory(dir)) {
            return ToolResult.error("list_dir: " + shown + (Files.exists(dir) ? " is not a folder; use file_info" : " does not exist"));
        }
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) entries.add(entry(p));
        }
        entries.sort(Comparator.comparing(Entry::name));
        StringBuilder text = new StringBuilder(shown).append(" (").append(entries.size()).append(" entries)\n");
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        int shownCount = Math.min(entries.size(), MAX_ENTRIES);
        for (Entry e : entries.subList(0, shownCount)) {
            text.append(e.type()).append(' ').append(e.size() < 0 ? "-" : Long.toString(e.size())).append(' ')
                    .append(e.name()).append(e.type().equals("dir") ? "/" : "").append('\n');
            ObjectNode o = json.addObject().put("name", e.name()).put("type", e.type());
            if (e.size() >= 0) o.put("size", e.size());
        }
        if (entries.size() > shownCount) text.append("... ").append(entries.size() - shownCount).append(" more entries not listed\n");
        ObjectNode structured = JsonNodeFactory.instance.objectNode().put("path", shown);
        structured.set("entries", json);
        return ToolResult.structured(text.toString(), structured);
    }

    private static Entry entry(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String type = a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : "other";
        return new Entry(p.getFileName().toString(), type, a.isRegularFile() ? a.size() : -1);
    }
}
