package dev.baton.coordinator.internal;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import dev.baton.llm.ToolCall;
import dev.baton.tool.NonInteractiveApprover;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolResult;
import dev.baton.tool.Tools;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How an internal tool reads the project: only through the sandboxed read-only built-in tools
 * ({@code read_file}, {@code list_dir}, {@code search_text}, {@code file_info}), each call going
 * through the tool service's invoker (schema check, permissions, time limit, output cap, audit),
 * so paths outside the workspace and files {@code .gitignore} hides are never read.
 */
final class WorkspaceReader {

    static final List<String> READ_TOOLS = List.of("read_file", "list_dir", "search_text", "file_info");
    private static final AtomicLong CALLS = new AtomicLong();

    private final Tools tools;
    private final List<Tool> readTools;
    private final ToolInvoker invoker;
    private final ToolContext context;

    WorkspaceReader(Tools tools, String runId, String agent, Instant deadline) {
        this.tools = tools;
        this.readTools = readTools(tools);
        this.invoker = tools.invoker(readTools, tools.permissions(), new NonInteractiveApprover(), ToolListener.NONE);
        this.context = new ToolContext(runId, agent, tools.sandbox(), deadline);
    }

    /** The read-only tools of {@code tools}' registry. */
    static List<Tool> readTools(Tools tools) {
        List<Tool> out = new ArrayList<>();
        for (String name : READ_TOOLS) {
            Tool t = tools.registry().find(name).map(e -> e.tool()).orElseThrow(() -> BatonException.builder(
                    ErrorCode.CONFIGURATION, "the coordinator's internal tools need the built-in tool '" + name
                            + "', which the tool registry does not have").retriable(false).build());
            if (t.category() != ToolCategory.READ) {
                throw BatonException.builder(ErrorCode.CONFIGURATION, "tool '" + name + "' is not read-only").retriable(false).build();
            }
            out.add(t);
        }
        return List.copyOf(out);
    }

    List<Tool> tools() {
        return readTools;
    }

    ToolContext context() {
        return context;
    }

    Tools service() {
        return tools;
    }

    /** Lines {@code "PATH:LINE: TEXT"} matching {@code regex} (case-insensitive) in files matching {@code glob} (null: any). */
    String search(String regex, String glob, int maxMatches) {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("pattern", regex).put("ignore_case", true)
                .put("max_matches", maxMatches);
        if (glob != null) args.put("glob", glob);
        return call("search_text", args);
    }

    /** Lines {@code from}..{@code to} of {@code path}, numbered by the tool. */
    String read(String path, int from, int to) {
        return call("read_file", JsonNodeFactory.instance.objectNode().put("path", path).put("start_line", from).put("end_line", to));
    }

    String list(String path) {
        return call("list_dir", JsonNodeFactory.instance.objectNode().put("path", path));
    }

    /** The tool's text; an error result's text too (prefixed), so a caller sees why. */
    private String call(String tool, ObjectNode args) {
        if (Thread.currentThread().isInterrupted()) throw cancelled();
        ToolCall call = new ToolCall("coord_" + CALLS.incrementAndGet(), tool, args.toString());
        ToolResult r = invoker.invoke(call, context).result();
        if (Thread.currentThread().isInterrupted()) throw cancelled();
        return r.isError() ? "(" + tool + " failed: " + r.content() + ")" : r.content();
    }

    private static BatonException cancelled() {
        return BatonException.builder(ErrorCode.TIMEOUT, "stopped while reading the workspace")
                .reason(dev.baton.error.ErrorReason.CANCELLED).retriable(false).build();
    }
}
