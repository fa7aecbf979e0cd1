package dev.baton.tool.internal;

import dev.baton.tool.Sandbox;
import dev.baton.tool.SandboxViolation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a built-in tool's arguments. The invoker validated them against the schema already; these
 * checks repeat the few a direct caller could still get wrong, naming the argument.
 */
final class ToolArgs {

    private ToolArgs() {
    }

    static String string(ObjectNode args, String name) {
        String value = optString(args, name);
        if (value == null) throw new IllegalArgumentException("argument '" + name + "' is required (a string)");
        return value;
    }

    static @Nullable String optString(ObjectNode args, String name) {
        JsonNode node = args.get(name);
        if (node == null || node.isNull()) return null;
        if (!node.isString()) throw new IllegalArgumentException("argument '" + name + "' must be a string");
        return node.stringValue();
    }

    static int optInt(ObjectNode args, String name, int fallback) {
        JsonNode node = args.get(name);
        if (node == null || node.isNull()) return fallback;
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new IllegalArgumentException("argument '" + name + "' must be an integer");
        }
        return node.intValue();
    }

    static boolean optBoolean(ObjectNode args, String name, boolean fallback) {
        JsonNode node = args.get(name);
        if (node == null || node.isNull()) return fallback;
        if (!node.isBoolean()) throw new IllegalArgumentException("argument '" + name + "' must be true or false");
        return node.booleanValue();
    }

    static List<String> strings(ObjectNode args, String name) {
        JsonNode node = args.get(name);
        if (node == null || !node.isArray()) throw new IllegalArgumentException("argument '" + name + "' must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) throw new IllegalArgumentException("argument '" + name + "' must hold only strings");
            out.add(item.stringValue());
        }
        return out;
    }

    /** The sandbox's readable path for argument {@code name}; a refusal names the argument. */
    static Path readable(Sandbox sandbox, String name, String value) {
        try {
            return sandbox.readable(value);
        } catch (SandboxViolation e) {
            throw new SandboxViolation("argument '" + name + "': " + e.getMessage());
        }
    }

    /** The sandbox's writable path for argument {@code name}; a refusal names the argument. */
    static Path writable(Sandbox sandbox, String name, String value) {
        try {
            return sandbox.writable(value);
        } catch (SandboxViolation e) {
            throw new SandboxViolation("argument '" + name + "': " + e.getMessage());
        }
    }

    /** {@code path} relative to the sandbox root, with '/' separators ("." for the root). */
    static String display(Sandbox sandbox, Path path) {
        String rel = sandbox.root().relativize(path).toString().replace('\\', '/');
        return rel.isEmpty() ? "." : rel;
    }
}
