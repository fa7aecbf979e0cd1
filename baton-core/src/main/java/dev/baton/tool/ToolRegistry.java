package dev.baton.tool;

import dev.baton.error.BatonException;
import dev.baton.error.ErrorCode;
import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The tools one {@code Baton} offers, by name, with the source each came from. Built explicitly
 * (no static registry): single tools are registered directly, sources (built-ins, MCP servers)
 * are asked for their tools when a name is first looked up. Thread-safe; closing it closes the
 * sources.
 */
public final class ToolRegistry implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private final Map<String, Entry> single = new LinkedHashMap<>();
    private final List<ToolSource> sources = new CopyOnWriteArrayList<>();
    private final Map<String, String> unavailable = new java.util.concurrent.ConcurrentHashMap<>();

    /** A tool and the name of the source it came from. */
    public record Entry(Tool tool, String source) {
    }

    /** Registers {@code tool} from source {@code source}; a second tool of the same name is refused. */
    public synchronized ToolRegistry register(Tool tool, String source) {
        checkName(tool.name());
        if (single.containsKey(tool.name())) {
            throw new IllegalArgumentException("a tool named '" + tool.name() + "' is registered already (from "
                    + single.get(tool.name()).source() + ")");
        }
        single.put(tool.name(), new Entry(tool, source));
        return this;
    }

    /** Adds a source whose tools are listed on demand. */
    public ToolRegistry add(ToolSource source) {
        sources.add(source);
        return this;
    }

    /** The sources added, in order. */
    public List<ToolSource> sources() {
        return List.copyOf(sources);
    }

    /**
     * Every tool: registered ones first, then each source's (starting sources that need it). A
     * source that fails to give its tools (an MCP server that does not start) is left out, and
     * {@link #unavailable()} says why, so one broken server does not take every tool away.
     */
    public List<Entry> all() {
        return all(source -> true);
    }

    /**
     * The registered tools and those of the sources {@code include} accepts, starting only those;
     * e.g. every tool known without starting an MCP server, for validation.
     */
    public List<Entry> all(java.util.function.Predicate<ToolSource> include) {
        List<Entry> out;
        synchronized (this) {
            out = new ArrayList<>(single.values());
        }
        for (ToolSource source : sources) {
            if (!include.test(source)) continue;
            List<Tool> tools;
            try {
                tools = source.tools();
                unavailable.remove(source.name());
            } catch (RuntimeException e) {
                unavailable.put(source.name(), String.valueOf(e.getMessage()));
                continue;
            }
            for (Tool tool : tools) out.add(new Entry(tool, source.name()));
        }
        return out;
    }

    /** The sources whose tools could not be listed the last time they were asked, with the reason. */
    public Map<String, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    /** The tool named {@code name}, if any. */
    public Optional<Entry> find(String name) {
        synchronized (this) {
            Entry e = single.get(name);
            if (e != null) return Optional.of(e);
        }
        for (Entry e : all()) {
            if (e.tool().name().equals(name)) return Optional.of(e);
        }
        return Optional.empty();
    }

    /**
     * The tools {@code patterns} name (names or globs), in registry order. A plain name no tool
     * has is a {@code VALIDATION} error naming it and the closest known name; a glob may match
     * nothing.
     */
    public List<Entry> resolve(List<String> patterns) {
        List<Entry> all = all();
        for (String p : patterns) {
            if (ToolGlob.isGlob(p)) continue;
            if (all.stream().noneMatch(e -> e.tool().name().equals(p))) {
                String near = closest(p, all);
                Map<String, String> down = unavailable();
                throw new BatonException(ErrorCode.VALIDATION, "unknown tool '" + p + "'"
                        + (near != null ? " (did you mean '" + near + "'?)" : "")
                        + (down.isEmpty() ? "" : "; not available now: " + down.entrySet().stream()
                                .map(d -> d.getKey() + " (" + d.getValue() + ")").collect(java.util.stream.Collectors.joining(", ")))
                        + "; `baton tools list` shows the tools available");
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : all) {
            if (ToolGlob.matchesAny(patterns, e.tool().name())) out.add(e);
        }
        return out;
    }

    @Override
    public void close() {
        for (ToolSource source : sources) {
            try {
                source.close();
            } catch (RuntimeException ignored) {
                // closing the others matters more than one source's failure to stop
            }
        }
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name '" + name + "' must be 1-128 of letters, digits, _ . -");
        }
    }

    private static @Nullable String closest(String name, List<Entry> all) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Entry e : all) {
            int d = dev.baton.error.EditDistance.between(name, e.tool().name());
            if (d < bestDistance) {
                bestDistance = d;
                best = e.tool().name();
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }
}
