package dev.baton.tool.internal;

import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import tools.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code search_text}: a regular expression over the text files of a workspace tree. */
public final class SearchTextTool extends BuiltinTool {

    static final int DEFAULT_MATCHES = 100;
    static final int MAX_MATCHES = 1000;
    /** A matched line longer than this is cut in the output. */
    static final int MAX_LINE_CHARS = 400;
    /** Larger files are skipped. */
    static final long MAX_FILE_BYTES = 8L << 20;

    private static final String DESCRIPTION = """
            Searches the text files under a folder of the workspace for a regular expression (Java \
            syntax, matched within single lines) and returns one line per match as "PATH:LINE: TEXT" \
            (paths relative to the workspace root, lines 1-based, text cut at 400 characters), then a \
            summary line. path (default the workspace root) may also be a single file. glob filters \
            file names: "*.java" matches the name at any depth, a glob with "/" (e.g. "src/**/*.md") \
            matches the path below the search folder. Files and folders ignored by .gitignore files \
            (at every level) are skipped, as are .git/, binary files, files that are not UTF-8, and \
            files over 8 MiB. Stops after max_matches matches (default 100, at most 1000) and says so.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "pattern":{"type":"string","description":"regular expression (Java syntax), matched per line"},
              "path":{"type":"string","description":"folder or file to search, relative to the workspace root; default \\".\\""},
              "glob":{"type":"string","description":"file-name glob, e.g. \\"*.java\\" or \\"src/**/*.md\\""},
              "ignore_case":{"type":"boolean","description":"match case-insensitively; default false"},
              "max_matches":{"type":"integer","minimum":1,"maximum":1000,"description":"stop after this many matches; default 100"}
            },"required":["pattern"],"additionalProperties":false}""";

    public SearchTextTool() {
        super("search_text", ToolCategory.READ, DESCRIPTION, SCHEMA);
    }

    @Override
    ToolResult run(ObjectNode args, ToolContext ctx) throws Exception {
        Pattern pattern = pattern(args);
        String pathArg = ToolArgs.optString(args, "path");
        Path start = ToolArgs.readable(ctx.sandbox(), "path", pathArg == null ? "." : pathArg);
        if (!Files.exists(start)) return ToolResult.error("search_text: no such file or folder: " + ToolArgs.display(ctx.sandbox(), start));
        String glob = ToolArgs.optString(args, "glob");
        Pattern globPattern = glob == null ? null : Pattern.compile(
                (glob.contains("/") ? "" : "(?:.*/)?") + GitignoreRules.globToRegex(glob.startsWith("/") ? glob.substring(1) : glob));
        int max = ToolArgs.optInt(args, "max_matches", DEFAULT_MATCHES);
        if (max < 1 || max > MAX_MATCHES) throw new IllegalArgumentException("argument 'max_matches' must be 1 to " + MAX_MATCHES);

        List<String> hits = new ArrayList<>();
        int[] files = {0};
        WorkspaceWalk walk = new WorkspaceWalk(ctx.sandbox().root());
        boolean complete = walk.files(start, (file, relativeToStart) -> {
            if (globPattern != null && !globPattern.matcher(relativeToStart).matches()) return true;
            if (Files.size(file) > MAX_FILE_BYTES || TextFiles.binary(file)) return true;
            files[0]++;
            return search(file, ToolArgs.display(ctx.sandbox(), file), pattern, hits, max);
        });
        StringBuilder out = new StringBuilder();
        hits.forEach(h -> out.append(h).append('\n'));
        if (!complete) {
            out.append("(stopped at ").append(max).append(" matches; narrow the pattern, path or glob, or raise max_matches)\n");
        } else {
            out.append("(").append(hits.size()).append(hits.size() == 1 ? " match" : " matches").append(" in ")
                    .append(files[0]).append(files[0] == 1 ? " file searched)" : " files searched)").append('\n');
        }
        return ToolResult.ok(out.toString());
    }

    private static Pattern pattern(ObjectNode args) {
        String regex = ToolArgs.string(args, "pattern");
        int flags = ToolArgs.optBoolean(args, "ignore_case", false) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("argument 'pattern' is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex());
        }
    }

    /** Adds the matching lines of {@code file}; false once {@code max} hits are collected. */
    private static boolean search(Path file, String shown, Pattern pattern, List<String> hits, int max) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            Matcher m = pattern.matcher("");
            while ((line = in.readLine()) != null) {
                n++;
                if (!m.reset(line).find()) continue;
                if (hits.size() >= max) return false;
                String text = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "..." : line;
                hits.add(shown + ":" + n + ": " + text);
            }
        } catch (CharacterCodingException e) {
            // not UTF-8 text: skipped like a binary file (hits found before the bad byte stay)
        }
        return true;
    }
}
