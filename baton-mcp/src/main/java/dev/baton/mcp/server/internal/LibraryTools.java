package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.library.Library;
import dev.baton.library.LibraryCopier;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code library_browse}, {@code library_search}, {@code library_info} and {@code library_copy}:
 * the scripts and example ensembles bundled with Baton ({@link Library}), and copying one into the
 * project's {@code .baton/} ({@link LibraryCopier}), as {@code baton library} does.
 */
public final class LibraryTools {

    private static final String ENTRIES_SCHEMA = """
            {"type":"object","required":["entries"],"properties":{"entries":{"type":"array","items":{"type":"object",
              "required":["name","kind","description"],"properties":{"name":{"type":"string"},"kind":{"enum":["script","ensemble","operation"]},
              "description":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}},
              "files":{"type":"array","items":{"type":"string"}}}}}}}""";

    private final Baton baton;
    private final Library library = Library.load();

    public LibraryTools(Baton baton) {
        this.baton = baton;
    }

    public ServerTool browse() {
        return new ServerTool("library_browse",
                "List the library bundled with Baton: primitive scripts and example ensembles, with their tags and files.",
                Schemas.parse("""
                        {"type":"object","additionalProperties":false,"properties":{
                          "kind":{"enum":["script","ensemble","operation"],"description":"only this kind (default: all)"}}}"""),
                Schemas.parse(ENTRIES_SCHEMA),
                (args, call) -> entries(library.entries(args.hasNonNull("kind") ? Library.Kind.valueOf(args.path("kind").asString()) : null), ""));
    }

    public ServerTool search() {
        return new ServerTool("library_search",
                "Find library entries whose name, description or tags hold every word of the query, best first.",
                Schemas.parse("""
                        {"type":"object","required":["query"],"additionalProperties":false,"properties":{
                          "query":{"type":"string","minLength":1,"pattern":"\\\\S","description":"words to look for"}}}"""),
                Schemas.parse(ENTRIES_SCHEMA),
                (args, call) -> entries(library.search(args.path("query").asString()),
                        "no library entry matches '" + args.path("query").asString() + "'"));
    }

    private static ToolResult entries(List<Library.Entry> entries, String whenEmpty) {
        ArrayNode rows = Schemas.array();
        StringBuilder text = new StringBuilder();
        for (Library.Entry e : entries) {
            row(rows.addObject(), e);
            text.append(e.name()).append(" (").append(e.kind()).append("): ").append(e.description()).append('\n');
        }
        if (entries.isEmpty()) text.append(whenEmpty);
        return ToolResult.structured(Schemas.object().set("entries", rows), text.toString().strip());
    }

    private static ObjectNode row(ObjectNode row, Library.Entry e) {
        row.put("name", e.name()).put("kind", e.kind().name()).put("description", e.description());
        e.tags().forEach(row.putArray("tags")::add);
        e.files().forEach(row.putArray("files")::add);
        return row;
    }

    public ServerTool info() {
        return new ServerTool("library_info",
                "Show one library entry: its description, tags, and each file's path, where library_copy puts it, and its full text.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1,"description":"a library entry (see library_browse)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["name","kind","files"],"properties":{"name":{"type":"string"},
                          "kind":{"type":"string"},"description":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}},
                          "files":{"type":"array","items":{"type":"object","required":["path","target","content"],"properties":{
                            "path":{"type":"string"},"target":{"type":"string"},"content":{"type":"string"}}}}}}"""),
                (args, call) -> info(args.path("name").asString()));
    }

    private ToolResult info(String name) {
        Optional<Library.Entry> found = library.find(name);
        if (found.isEmpty()) return unknown(name);
        Library.Entry e = found.get();
        ObjectNode out = Schemas.object().put("name", e.name()).put("kind", e.kind().name()).put("description", e.description());
        e.tags().forEach(out.putArray("tags")::add);
        ArrayNode files = out.putArray("files");
        StringBuilder text = new StringBuilder(e.name() + " (" + e.kind() + "): " + e.description());
        for (String f : e.files()) {
            String content = Library.read(f);
            files.addObject().put("path", f).put("target", ".baton/" + f).put("content", content);
            text.append("\n\n==> ").append(f).append(" <==\n").append(content);
        }
        return ToolResult.structured(out, text.toString());
    }

    public ServerTool copy() {
        return new ServerTool("library_copy",
                "Copy a library entry's files into the project's .baton/ folder. A file that exists with other content is "
                        + "replaced only with overwrite: true; otherwise nothing is copied.",
                Schemas.parse("""
                        {"type":"object","required":["name"],"additionalProperties":false,"properties":{
                          "name":{"type":"string","minLength":1,"description":"a library entry (see library_browse)"},
                          "overwrite":{"type":"boolean","description":"replace files that exist with other content (default false)"}}}"""),
                Schemas.parse("""
                        {"type":"object","required":["name","files"],"properties":{"name":{"type":"string"},"kind":{"type":"string"},
                          "files":{"type":"array","items":{"type":"object","required":["path","target","action"],"properties":{
                            "path":{"type":"string"},"target":{"type":"string"},"action":{"enum":["created","unchanged","overwritten"]}}}}}}"""),
                (args, call) -> copy(args));
    }

    private ToolResult copy(JsonNode args) throws java.io.IOException {
        String name = args.path("name").asString();
        Optional<Library.Entry> found = library.find(name);
        if (found.isEmpty()) return unknown(name);
        Path base = baton.ensembles().projectDirectory().getParent();
        Map<String, LibraryCopier.Action> done;
        try {
            done = LibraryCopier.copy(found.get(), base, args.path("overwrite").asBoolean(false));
        } catch (LibraryCopier.ConflictException e) {
            return ToolResult.error("field 'overwrite': " + e.getMessage().replace("(force to overwrite)", "(pass overwrite: true to replace them)"));
        }
        ObjectNode out = Schemas.object().put("name", found.get().name()).put("kind", found.get().kind().name());
        ArrayNode files = out.putArray("files");
        StringBuilder text = new StringBuilder();
        done.forEach((f, action) -> {
            files.addObject().put("path", f).put("target", base.resolve(f).toString()).put("action", action.name());
            text.append(action).append(' ').append(base.resolve(f)).append('\n');
        });
        return ToolResult.structured(out, text.toString().strip());
    }

    private static ToolResult unknown(String name) {
        return ToolResult.error("field 'name': no library entry named '" + name + "' (see library_browse)");
    }
}
