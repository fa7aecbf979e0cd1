package com.example.tools;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;

/** Counts the lines and words of a text file in the workspace. */
public final class WordCountTool implements Tool {

    @Override
    public String name() {
        return "word_count";
    }

    @Override
    public String description() {
        return "Counts the lines and words of a UTF-8 text file in the workspace. Returns 'N lines, M words'. "
                + "The path is relative to the workspace root.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type": "object",
                 "properties": {"path": {"type": "string", "description": "the file, relative to the workspace root"}},
                 "required": ["path"], "additionalProperties": false}""";
    }

    @Override
    public ToolCategory category() {
        return ToolCategory.READ; // manual mode runs read tools without asking
    }

    @Override
    public ToolResult call(ObjectNode arguments, ToolContext context) throws Exception {
        String path = arguments.path("path").asString();
        Path file = context.sandbox().readable(path); // refuses paths (and symlinks) leading out of the workspace
        if (!Files.isRegularFile(file)) return ToolResult.error("no such file: " + path);
        String text = Files.readString(file);
        long words = text.isBlank() ? 0 : text.strip().split("\\s+").length;
        return ToolResult.ok(text.lines().count() + " lines, " + words + " words");
    }
}
