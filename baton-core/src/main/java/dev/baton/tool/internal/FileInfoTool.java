package dev.baton.tool.internal;

import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** {@code file_info}: size, type, modification time and, for text files, the line count. */
public final class FileInfoTool extends BuiltinTool {

    /** Files above this size are not read to count lines. */
    static final long MAX_COUNTED_BYTES = 16L << 20;

    private static final String DESCRIPTION = """
            Describes one file or folder in the workspace without returning its content: \
            "type" (file or dir), "size" in bytes, "modified" (ISO-8601 UTC), and for files "content": \
            "text" or "binary"; UTF-8 text files up to 16 MiB also get "lines" (the line count). \
            Symlinks inside the workspace are followed; paths outside it are refused. Use it before \
            read_file on a large or unknown file.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "path":{"type":"string","description":"file or folder path relative to the workspace root"}
            },"required":["path"],"additionalProperties":false}""";

    public FileInfoTool() {
        super("file_info", ToolCategory.READ, DESCRIPTION, SCHEMA);
    }

    @Override
    ToolResult run(ObjectNode args, ToolContext ctx) throws Exception {
        Path path = ToolArgs.readable(ctx.sandbox(), "path", ToolArgs.string(args, "path"));
        String shown = ToolArgs.display(ctx.sandbox(), path);
        if (!Files.exists(path)) return ToolResult.error("file_info: no such file or folder: " + shown);
        BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
        ObjectNode info = JsonNodeFactory.instance.objectNode().put("path", shown)
                .put("type", a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : "other")
                .put("size", a.size())
                .put("modified", a.lastModifiedTime().toInstant().toString());
        if (a.isRegularFile()) describeContent(path, a.size(), info);
        StringBuilder text = new StringBuilder();
        info.properties().forEach(e -> text.append(e.getKey()).append(": ").append(e.getValue().asString()).append('\n'));
        return ToolResult.structured(text.toString(), info);
    }

    private static void describeContent(Path file, long size, ObjectNode info) throws IOException {
        if (TextFiles.binary(file)) {
            info.put("content", "binary");
            return;
        }
        if (size > MAX_COUNTED_BYTES) {
            info.put("content", "text");
            return;
        }
        long lines = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            while (in.readLine() != null) lines++;
        } catch (CharacterCodingException e) {
            info.put("content", "binary");
            return;
        }
        info.put("content", "text").put("lines", lines);
    }
}
