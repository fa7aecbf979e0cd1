package dev.baton.tool;

import tools.jackson.databind.node.ObjectNode;

/** A test {@link Tool} defined by a lambda. */
public record FunctionTool(String name, ToolCategory category, Body body) implements Tool {

    /** What the tool does with its arguments. */
    @FunctionalInterface
    public interface Body {
        ToolResult call(ObjectNode arguments) throws Exception;
    }

    public static FunctionTool read(String name, Body body) {
        return new FunctionTool(name, ToolCategory.READ, body);
    }

    @Override
    public String description() {
        return "test tool " + name;
    }

    @Override
    public String parametersSchema() {
        return "{\"type\":\"object\",\"properties\":{}}";
    }

    @Override
    public ToolResult call(ObjectNode arguments, ToolContext context) throws Exception {
        return body.call(arguments);
    }
}
