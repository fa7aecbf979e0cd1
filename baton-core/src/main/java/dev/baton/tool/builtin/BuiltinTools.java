package dev.baton.tool.builtin;

import dev.baton.tool.Sandbox;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolSource;
import dev.baton.tool.internal.ApplyPatchTool;
import dev.baton.tool.internal.FileInfoTool;
import dev.baton.tool.internal.HttpGetTool;
import dev.baton.tool.internal.ListDirTool;
import dev.baton.tool.internal.ReadFileTool;
import dev.baton.tool.internal.RunCommandTool;
import dev.baton.tool.internal.SearchTextTool;
import dev.baton.tool.internal.WriteFileTool;

import java.util.List;
import java.util.Objects;

/**
 * The built-in tools as the tool source {@code builtin}: {@code read_file}, {@code list_dir},
 * {@code search_text} and {@code file_info} (category read), {@code write_file} and
 * {@code apply_patch} (write), {@code run_command} (exec) and {@code http_get} (network, refusing
 * every call unless enabled). The tools hold no state; every path and command of a call goes
 * through the sandbox of its {@link dev.baton.tool.ToolContext}, normally {@link #sandbox()}.
 */
public final class BuiltinTools implements ToolSource {

    /** The source's name. */
    public static final String NAME = "builtin";

    private final Sandbox sandbox;
    private final List<Tool> tools;

    public BuiltinTools(Sandbox sandbox, BuiltinSettings settings) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.tools = List.of(
                new ReadFileTool(),
                new ListDirTool(),
                new SearchTextTool(),
                new FileInfoTool(),
                new WriteFileTool(),
                new ApplyPatchTool(),
                new RunCommandTool(settings.runCommandShell()),
                new HttpGetTool(settings.httpGetEnabled(), settings.httpAllowedHosts(), settings.httpMaxBytes()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    /** The sandbox the tools' calls are meant to run in. */
    public Sandbox sandbox() {
        return sandbox;
    }
}
