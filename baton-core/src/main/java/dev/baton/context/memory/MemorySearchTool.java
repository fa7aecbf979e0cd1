package dev.baton.context.memory;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolCategory;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolResult;
import dev.baton.tool.ToolSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.Supplier;

/**
 * {@code memory_search}: the project memory's search as a read tool, so agents and the
 * coordinator can pull relevant code and docs (excerpts with path and line range, within a
 * token budget) instead of reading whole files. The memory is opened on the first call.
 */
public final class MemorySearchTool implements Tool {

    public static final String NAME = "memory_search";

    private static final String DESCRIPTION = """
            Searches the project's files (code cut at declarations, Markdown at headings; .gitignore \
            honoured) and returns the best-matching excerpts, best first, each under a line \
            "path:start-end  declaration-or-heading". Ranking is BM25, fused with embeddings when an \
            embedding profile is configured. Use plain words or identifiers; "max_tokens" (100-20000, \
            default 2000) bounds the answer. Read a whole file with read_file when an excerpt is not enough.""";

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "query":{"type":"string","minLength":1,"description":"what to look for: words, identifiers, a question"},
              "max_tokens":{"type":"integer","minimum":100,"maximum":20000,"description":"token budget of the answer"}
            },"required":["query"],"additionalProperties":false}""";

    private final Supplier<ProjectMemory> memory;
    private final int defaultTokens;

    public MemorySearchTool(Supplier<ProjectMemory> memory, int defaultTokens) {
        this.memory = memory;
        this.defaultTokens = defaultTokens;
    }

    /** A tool source named {@code memory} offering this tool. */
    public static ToolSource source(Supplier<ProjectMemory> memory, int defaultTokens) {
        Tool tool = new MemorySearchTool(memory, defaultTokens);
        return new ToolSource() {
            @Override
            public String name() {
                return "memory";
            }

            @Override
            public List<Tool> tools() {
                return List.of(tool);
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolCategory category() {
        return ToolCategory.READ;
    }

    @Override
    public ToolResult call(ObjectNode arguments, ToolContext context) {
        String query = arguments.path("query").asString("");
        JsonNode max = arguments.get("max_tokens");
        int tokens = max == null ? defaultTokens : max.asInt();
        SearchResult r = memory.get().search(query, tokens);
        if (r.excerpts().isEmpty()) return ToolResult.ok("memory_search: nothing in the project matches \"" + query + "\"");
        StringBuilder text = new StringBuilder();
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("query", query).put("mode", r.mode().name().toLowerCase())
                .put("tokens", r.tokens()).put("truncated", r.truncated());
        ArrayNode list = json.putArray("excerpts");
        for (Excerpt e : r.excerpts()) {
            text.append(e.location()).append(e.title().isEmpty() ? "" : "  " + e.title()).append('\n').append(e.text());
            if (!e.text().endsWith("\n")) text.append('\n');
            text.append('\n');
            list.addObject().put("path", e.path()).put("start_line", e.startLine()).put("end_line", e.endLine())
                    .put("title", e.title()).put("text", e.text());
        }
        if (r.truncated()) text.append("(more matched than fits in ").append(tokens).append(" tokens)\n");
        return ToolResult.structured(text.toString(), json);
    }
}
