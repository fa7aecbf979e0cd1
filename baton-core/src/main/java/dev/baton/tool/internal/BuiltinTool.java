package dev.baton.tool.internal;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import dev.baton.tool.SandboxViolation;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * What every built-in tool shares: its fixed name, category, description and schema, and the
 * turning of expected failures (a refused path, a bad argument, a missing file) into tool errors
 * the model can act on, with the content cut at the sandbox's output cap and flagged.
 */
abstract class BuiltinTool implements Tool {

    private final String name;
    private final ToolCategory category;
    private final String description;
    private final String schema;

    BuiltinTool(String name, ToolCategory category, String description, String schema) {
        this.name = name;
        this.category = category;
        this.description = description;
        this.schema = schema;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final String parametersSchema() {
        return schema;
    }

    @Override
    public final ToolCategory category() {
        return category;
    }

    @Override
    public final ToolResult call(ObjectNode arguments, ToolContext context) throws Exception {
        ToolResult result;
        try {
            result = run(arguments, context);
        } catch (SandboxViolation e) {
            result = ToolResult.error(name + " refused: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            result = ToolResult.error(name + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            result = ToolResult.error(name + ": no such file or folder: " + display(context, e.getFile()));
        } catch (IOException e) {
            result = ToolResult.error(name + " failed: " + message(e));
        } catch (java.io.UncheckedIOException e) {
            result = ToolResult.error(name + " failed: " + message(e.getCause()));
        }
        return capped(result, context.sandbox().outputCapBytes());
    }

    /** Runs the tool; expected failures may be thrown as described on {@link #call}. */
    abstract ToolResult run(ObjectNode arguments, ToolContext context) throws Exception;

    private static ToolResult capped(ToolResult result, int cap) {
        String cut = Utf8.cut(result.content(), cap);
        return cut.equals(result.content()) ? result : result.truncatedTo(cut);
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String display(ToolContext context, String file) {
        String root = context.sandbox().root().toString();
        return file.startsWith(root + "/") ? file.substring(root.length() + 1) : file;
    }
}
