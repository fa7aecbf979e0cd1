package dev.baton.tool;

import dev.baton.config.BatonConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider on the test class path (registered in META-INF/services) contributing one source,
 * {@code test}, with an {@code echo} (read) and a {@code scribble} (write) tool; it counts the
 * sources made and closed so tests can see laziness and closing.
 */
public final class TestToolSourceProvider implements ToolSourceProvider {

    public static final AtomicInteger CREATED = new AtomicInteger();
    public static final AtomicInteger CLOSED = new AtomicInteger();

    @Override
    public List<ToolSource> sources(BatonConfig config, Map<String, String> env, Sandbox sandbox) {
        CREATED.incrementAndGet();
        return List.of(new ToolSource() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<Tool> tools() {
                return List.of(TestTools.CountingTool.echo("echo", ToolCategory.READ),
                        TestTools.CountingTool.echo("scribble", ToolCategory.WRITE));
            }

            @Override
            public void close() {
                CLOSED.incrementAndGet();
            }
        });
    }
}
