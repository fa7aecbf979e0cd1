package dev.baton.tool.internal;

import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code write_file}: replaces or creates one file in the workspace, atomically. */
public final class WriteFileTool extends BuiltinTool {

    private static final String DESCRIPTION = """
            Writes the given text (UTF-8) as the whole content of a file in the workspace, creating \
            the file and any missing parent folders, or replacing the file if it exists. The write is \
            atomic: readers see the old content or the new, never a mix. Returns "created PATH (N bytes)" \
            or "replaced PATH (N bytes)". Paths outside the workspace and anything under .git/ are \
            refused; a path naming a folder is refused. To change part of a file, prefer apply_patch.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "path":{"type":"string","description":"file path relative to the workspace root"},
              "content":{"type":"string","description":"the complete new content of the file"}
            },"required":["path","content"],"additionalProperties":false}""";

    public WriteFileTool() {
        super("write_file", ToolCategory.WRITE, DESCRIPTION, SCHEMA);
    }

    @Override
    ToolResult run(ObjectNode args, ToolContext ctx) throws Exception {
        Path target = ToolArgs.writable(ctx.sandbox(), "path", ToolArgs.string(args, "path"));
        String content = ToolArgs.string(args, "content");
        String shown = ToolArgs.display(ctx.sandbox(), target);
        if (Files.isDirectory(target)) return ToolResult.error("write_file: " + shown + " is a folder, not a file");
        boolean existed = Files.exists(target);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, bytes);
        return ToolResult.ok((existed ? "replaced " : "created ") + shown + " (" + bytes.length + " bytes)");
    }
}
