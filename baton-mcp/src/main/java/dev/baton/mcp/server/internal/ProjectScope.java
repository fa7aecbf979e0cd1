package dev.baton.mcp.server.internal;

import dev.baton.Baton;
import dev.baton.config.BatonPaths;
import dev.baton.mcp.server.McpServerExtension;
import dev.baton.mcp.server.McpServerRegistry;
import dev.baton.mcp.server.PromptSource;
import dev.baton.mcp.server.RequestContext;
import dev.baton.mcp.server.ResourceWatch;
import dev.baton.mcp.server.ServerPrompt;
import dev.baton.mcp.server.ServerResource;
import dev.baton.mcp.server.ServerResourceTemplate;
import dev.baton.mcp.server.ServerTool;
import dev.baton.mcp.server.ToolCall;
import dev.baton.mcp.server.ToolHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Which project each MCP session works in. A session starts in the server's project (the
 * {@link Baton} the tools were built over); {@code set_project} moves it to another root, and from
 * then on that session's tool calls run on a {@link Baton} opened for that root — the user tier and
 * data folder stay the server's, the environment is the process's. One {@code Baton} per root is
 * shared by the sessions there. After a profile edit, {@link #reload} opens a fresh {@code Baton} for
 * the root, so the next calls see the new {@code config.yaml}; the one it replaces is closed as soon
 * as no tool call of this scope is running (a call may still be using it). Batons opened for a root
 * stay open while the server runs (the extension API has no session-closed hook). Resources and
 * prompts follow the session the same way ({@link #read}, {@link ProjectWatch}). Thread-safe.
 */
public final class ProjectScope {

    private final Baton initial;
    private final Path initialRoot;
    private final Function<Baton, McpServerExtension> toolsOver;
    private final Map<String, Path> sessions = new ConcurrentHashMap<>();
    private final Map<Path, Baton> opened = new ConcurrentHashMap<>();
    /** The routed tools of each opened Baton, built on the first call that needs them. */
    private final Map<Baton, Map<String, ServerTool>> toolSets = new ConcurrentHashMap<>();
    /** Every tool registered through {@link #routing} or {@link #recording}, in order, for {@code get_help}. */
    private final List<ServerTool> registered = new CopyOnWriteArrayList<>();
    /** Guards {@link #inFlight} and {@link #retired}; never held while a Baton closes. */
    private final ReentrantLock lock = new ReentrantLock();
    private int inFlight;
    /** Batons replaced by a reload, closed when {@link #inFlight} next drops to zero. */
    private final List<Baton> retired = new ArrayList<>();
    private final List<Consumer<Path>> rootListeners = new CopyOnWriteArrayList<>();

    /** {@code toolsOver} builds the tools of another Baton (Baton's own: {@code BatonTools::new}). */
    public ProjectScope(Baton initial, Function<Baton, McpServerExtension> toolsOver) {
        this.initial = initial;
        this.initialRoot = normal(initial.paths().projectRoot());
        this.toolsOver = toolsOver;
    }

    /** The Baton of the request's session. */
    public Baton baton(RequestContext call) {
        return batonAt(root(call));
    }

    /** The Baton now serving the sessions in the project at {@code root} (one of {@link #roots()}). */
    Baton batonAt(Path root) {
        Baton b = opened.get(root);
        return b != null ? b : initial;
    }

    /** The project root of the request's session. */
    public Path root(RequestContext call) {
        return rootOf(call.sessionId());
    }

    /** The project root of the session with id {@code sessionId}. */
    Path rootOf(String sessionId) {
        return sessions.getOrDefault(sessionId, initialRoot);
    }

    /** The server's project root and every root a session has moved to, in no particular order. */
    Set<Path> roots() {
        Set<Path> all = new HashSet<>(opened.keySet());
        all.add(initialRoot);
        return all;
    }

    /**
     * Calls {@code listener} with each project root a session moves to for the first time (the
     * server's own root is not reported), until the returned handle is closed.
     */
    AutoCloseable onNewRoot(Consumer<Path> listener) {
        rootListeners.add(listener);
        return () -> rootListeners.remove(listener);
    }

    /**
     * Reads with the Baton of the request's session, counted like a tool call so that a reload does
     * not close that Baton while the read uses it.
     */
    public <T> T read(RequestContext context, Function<Baton, T> reader) {
        try {
            return counted(() -> reader.apply(baton(context)));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Moves the call's session to the project at {@code root} (a folder holding {@code .baton}, or
     * any folder: without {@code .baton} it has the user tier only) and answers its Baton.
     *
     * @throws IllegalArgumentException when {@code root} is not a folder
     * @throws dev.baton.error.BatonException when that project's configuration does not load
     */
    public Baton use(ToolCall call, Path root) {
        Path dir = normal(root);
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(root + " is not a folder");
        boolean[] fresh = new boolean[1];
        Baton b = dir.equals(initialRoot) && !opened.containsKey(dir) ? initial : opened.computeIfAbsent(dir, d -> {
            fresh[0] = true;
            return open(d);
        });
        sessions.put(call.sessionId(), dir);
        if (fresh[0] && !dir.equals(initialRoot)) rootListeners.forEach(l -> l.accept(dir));
        return b;
    }

    /** Opens a fresh Baton for the call's project (its {@code config.yaml} read again) for every session there. */
    public Baton reload(ToolCall call) {
        Path root = root(call);
        Baton fresh = open(root);
        lock.lock();
        try {
            Baton old = opened.put(root, fresh);
            if (old != null) retired.add(old);
        } finally {
            lock.unlock();
        }
        return fresh;
    }

    private Baton open(Path root) {
        BatonPaths base = initial.paths();
        Path project = root.resolve(BatonPaths.PROJECT_DIR_NAME);
        Path llmOrc = root.resolve(BatonPaths.LLM_ORC_DIR_NAME);
        BatonPaths paths = new BatonPaths(root, Files.isDirectory(project) ? Optional.of(project) : Optional.empty(),
                base.userConfigDir(), base.dataDir(),
                Files.isDirectory(llmOrc) ? Optional.of(llmOrc) : Optional.empty(), base.llmOrcUserDir());
        return Baton.builder(paths, System.getenv()).build();
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /**
     * {@code registry} with every tool added through it routed by session: a call from a session in
     * the server's project runs the tool as registered; from a session moved elsewhere, the same
     * tool built over that project's Baton. Resources, templates and prompts pass through unchanged.
     */
    public McpServerRegistry routing(McpServerRegistry registry) {
        return new ToolWrapping(registry, tool -> {
            registered.add(tool);
            ToolHandler direct = tool.handler();
            return new ServerTool(tool.name(), tool.description(), tool.inputSchema(), tool.outputSchema(),
                    (args, call) -> counted(() -> {
                        Baton b = baton(call);
                        if (b == initial) return direct.call(args, call);
                        ServerTool other = toolsOf(b).get(tool.name());
                        return (other == null ? direct : other.handler()).call(args, call);
                    }));
        });
    }

    /** {@code registry}, remembering each tool added through it for {@link #registered()}, not routing it. */
    public McpServerRegistry recording(McpServerRegistry registry) {
        return new ToolWrapping(registry, tool -> {
            registered.add(tool);
            return new ServerTool(tool.name(), tool.description(), tool.inputSchema(), tool.outputSchema(),
                    (args, call) -> counted(() -> tool.handler().call(args, call)));
        });
    }

    /** A registry that hands each tool to {@code wrap} on its way to {@code delegate}; everything else passes through. */
    private record ToolWrapping(McpServerRegistry delegate, UnaryOperator<ServerTool> wrap) implements McpServerRegistry {

        @Override
        public McpServerRegistry tool(ServerTool tool) {
            delegate.tool(wrap.apply(tool));
            return this;
        }

        @Override
        public McpServerRegistry resource(ServerResource resource) {
            delegate.resource(resource);
            return this;
        }

        @Override
        public McpServerRegistry resourceTemplate(ServerResourceTemplate template) {
            delegate.resourceTemplate(template);
            return this;
        }

        @Override
        public McpServerRegistry prompt(ServerPrompt prompt) {
            delegate.prompt(prompt);
            return this;
        }

        @Override
        public McpServerRegistry prompts(PromptSource source) {
            delegate.prompts(source);
            return this;
        }

        @Override
        public McpServerRegistry resourceWatch(ResourceWatch watch) {
            delegate.resourceWatch(watch);
            return this;
        }
    }

    /** The tools registered so far through {@link #routing} and {@link #recording}. */
    public List<ServerTool> registered() {
        return List.copyOf(registered);
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    /** Runs a tool call or a read counted in {@link #inFlight}; the last one out closes the retired Batons. */
    private <T> T counted(Call<T> body) throws Exception {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        try {
            return body.run();
        } finally {
            List<Baton> closing = List.of();
            lock.lock();
            try {
                if (--inFlight == 0 && !retired.isEmpty()) {
                    closing = List.copyOf(retired);
                    retired.clear();
                }
            } finally {
                lock.unlock();
            }
            for (Baton b : closing) {
                toolSets.remove(b);
                try {
                    b.close();
                } catch (RuntimeException e) {
                    // a Baton that fails to close has nothing left to give this session
                }
            }
        }
    }

    private Map<String, ServerTool> toolsOf(Baton b) {
        return toolSets.computeIfAbsent(b, key -> {
            FeatureRegistry captured = new FeatureRegistry();
            toolsOver.apply(key).register(captured);
            Map<String, ServerTool> byName = new ConcurrentHashMap<>();
            for (ServerTool t : captured.tools()) byName.put(t.name(), t);
            return byName;
        });
    }
}
