package dev.baton.tool.internal;

import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code apply_patch}: a unified diff applied to workspace files, all of it or nothing. */
public final class ApplyPatchTool extends BuiltinTool {

    private static final String DESCRIPTION = """
            Applies a unified diff (as produced by "diff -u" or "git diff") to files in the workspace. \
            Each file section starts with "--- a/PATH" and "+++ b/PATH" ("/dev/null" creates or deletes \
            a file) followed by "@@ -A,B +C,D @@" hunks whose context and removed lines must match the \
            file exactly (a hunk may sit at a shifted line, but there is no fuzzy matching). All or \
            nothing: if any hunk of any file does not apply, no file is changed and the error names the \
            hunk and the line that differs; otherwise every file is replaced atomically. Returns one \
            line per file changed. Paths outside the workspace and under .git/ are refused. Read the \
            file first (read_file) so the context lines are exact.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "patch":{"type":"string","description":"the unified diff text"}
            },"required":["patch"],"additionalProperties":false}""";

    public ApplyPatchTool() {
        super("apply_patch", ToolCategory.WRITE, DESCRIPTION, SCHEMA);
    }

    @Override
    ToolResult run(ObjectNode args, ToolContext ctx) throws Exception {
        List<UnifiedDiff.FilePatch> patches = UnifiedDiff.parse(ToolArgs.string(args, "patch"));
        Map<Path, byte[]> writes = new LinkedHashMap<>();
        StringBuilder summary = new StringBuilder();
        for (UnifiedDiff.FilePatch fp : patches) {
            Path source = fp.oldPath() == null ? null : ToolArgs.writable(ctx.sandbox(), "patch", fp.oldPath());
            Path target = fp.newPath() == null ? null : ToolArgs.writable(ctx.sandbox(), "patch", fp.newPath());
            String original;
            try {
                original = read(source, fp, writes);
            } catch (CharacterCodingException e) {
                return ToolResult.error("apply_patch: " + fp.oldPath() + " is not UTF-8 text; nothing was changed");
            }
            if (target != null && source == null && Files.exists(target)) {
                return ToolResult.error("apply_patch: the patch creates " + fp.newPath() + " but it exists already; nothing was changed");
            }
            String patched;
            try {
                patched = UnifiedDiff.apply(original, fp);
            } catch (UnifiedDiff.PatchFailure e) {
                return ToolResult.error("apply_patch: " + e.getMessage() + ". Nothing was changed.");
            }
            if (target == null) {
                if (!patched.isEmpty()) {
                    return ToolResult.error("apply_patch: the patch deletes " + fp.oldPath()
                            + " but its hunks do not remove all of its content; nothing was changed");
                }
                writes.put(source, null);
                summary.append("deleted ").append(fp.oldPath()).append('\n');
                continue;
            }
            if (source != null && !source.equals(target)) writes.put(source, null);
            writes.put(target, patched.getBytes(StandardCharsets.UTF_8));
            summary.append(source == null ? "created " : source.equals(target) ? "patched " : "renamed " + fp.oldPath() + " to ")
                    .append(fp.newPath()).append(" (").append(fp.hunks().size()).append(fp.hunks().size() == 1 ? " hunk)" : " hunks)")
                    .append('\n');
        }
        AtomicFiles.writeAll(writes);
        return ToolResult.ok(summary.toString());
    }

    /** The file's text: as patched earlier in this same patch if it was, null when it does not exist. */
    private static @Nullable String read(@Nullable Path source, UnifiedDiff.FilePatch fp, Map<Path, byte[]> writes) throws IOException {
        if (source == null) return null;
        if (writes.containsKey(source)) {
            byte[] earlier = writes.get(source);
            return earlier == null ? null : new String(earlier, StandardCharsets.UTF_8);
        }
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException("the patch changes " + fp.oldPath() + " but there is no such file; nothing was changed");
        }
        if (TextFiles.binary(source)) {
            throw new IllegalArgumentException(fp.oldPath() + " is a binary file; nothing was changed");
        }
        return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(source))).toString();
    }
}
