package dev.baton.tool;

import dev.baton.llm.ToolSpec;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool a model may call. Implementations are thread-safe: one instance serves concurrent
 * calls. {@link #call} receives arguments already validated against {@link #parametersSchema()};
 * it reports failures the model should see as {@link ToolResult#error}, and may throw for
 * anything else (the runner turns a throw into a tool error too, so a tool never fails the
 * caller). Paths and commands go through {@link ToolContext#sandbox()}.
 */
public interface Tool {

    /** The name models call it by: letters, digits, {@code _ - .}; unique in a registry. */
    String name();

    /** What the tool does, what it returns and its limits, written for a model. */
    String description();

    /** The JSON Schema (an object schema) of the arguments, as JSON text. */
    String parametersSchema();

    /** What the tool may do, which decides whether a permission mode asks first. */
    ToolCategory category();

    /** Runs the tool with validated arguments. */
    ToolResult call(ObjectNode arguments, ToolContext context) throws Exception;

    /** The spec sent to a model. */
    default ToolSpec spec() {
        return new ToolSpec(name(), description(), parametersSchema());
    }
}
