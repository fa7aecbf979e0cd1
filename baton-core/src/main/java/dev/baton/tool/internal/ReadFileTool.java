package dev.baton.tool.internal;

import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code read_file}: lines of a UTF-8 text file in the workspace, numbered. */
public final class ReadFileTool extends BuiltinTool {

    /** The most lines one call returns. */
    static final int MAX_LINES = 2000;

    private static final String DESCRIPTION = """
            Reads a UTF-8 text file in the workspace and returns its lines, each prefixed with its \
            1-based line number and a tab ("12\\tcode"), after a header line "PATH (lines A-B of N)". \
            Optional start_line and end_line (1-based, inclusive) select a range; at most 2000 lines \
            are returned per call, so read long files in ranges. Paths are relative to the workspace \
            root; paths outside it are refused. Binary files (NUL bytes) and files that are not valid \
            UTF-8 are refused: use file_info on them. Output longer than the tool output cap is cut \
            and marked truncated.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "path":{"type":"string","description":"file path relative to the workspace root"},
              "start_line":{"type":"integer","minimum":1,"description":"first line to return (1-based), default 1"},
              "end_line":{"type":"integer","minimum":1,"description":"last line to return (inclusive), default start_line+1999"}
            },"required":["path"],"additionalProperties":false}""";

    public ReadFileTool() {
        super("read_file", ToolCategory.READ, DESCRIPTION, SCHEMA);
    }

    @Override
    ToolResult run(ObjectNode args, ToolContext ctx) throws Exception {
        String arg = ToolArgs.string(args, "path");
        Path file = ToolArgs.readable(ctx.sandbox(), "path", arg);
        String shown = ToolArgs.display(ctx.sandbox(), file);
        if (Files.isDirectory(file)) return ToolResult.error("read_file: " + shown + " is a folder; use list_dir");
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) return ToolResult.error("read_file: no such file: " + shown);
            return ToolResult.error("read_file: " + shown + " is not a regular file");
        }
        int start = ToolArgs.optInt(args, "start_line", 1);
        if (start < 1) throw new IllegalArgumentException("argument 'start_line' must be at least 1");
        int end = ToolArgs.optInt(args, "end_line", start + MAX_LINES - 1);
        if (end < start) {
            throw new IllegalArgumentException("argument 'end_line' (" + end + ") is before 'start_line' (" + start + ")");
        }
        end = Math.min(end, start + MAX_LINES - 1);
        if (TextFiles.binary(file)) {
            return ToolResult.error("read_file: " + shown + " is a binary file (it contains NUL bytes) and cannot be "
                    + "read as text; file_info gives its size and type");
        }
        StringBuilder body = new StringBuilder();
        int total = 0;
        int last = start - 1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                total++;
                if (total >= start && total <= end) {
                    body.append(total).append('\t').append(line).append('\n');
                    last = total;
                }
            }
        } catch (CharacterCodingException e) {
            return ToolResult.error("read_file: " + shown + " is not valid UTF-8 text; file_info gives its size and type");
        }
        if (total == 0) return ToolResult.ok(shown + " (empty file)\n");
        if (start > total) {
            return ToolResult.error("read_file: start_line " + start + " is past the end of " + shown + " (" + total + " lines)");
        }
        String header = shown + " (lines " + start + "-" + last + " of " + total + ")"
                + (last < total ? "; more lines follow, ask with start_line=" + (last + 1) : "") + "\n";
        return ToolResult.ok(header + body);
    }
}
