package dev.baton.tool;

import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Small tools and a sandbox for tests of the tool layer. */
public final class TestTools {

    private TestTools() {
    }

    /** A tool that counts its calls and answers with {@code reply(arguments)}. */
    public static final class CountingTool implements Tool {
        public final AtomicInteger calls = new AtomicInteger();
        private final String name;
        private final ToolCategory category;
        private final String schema;
        private final Function<ObjectNode, ToolResult> reply;

        public CountingTool(String name, ToolCategory category, String schema, Function<ObjectNode, ToolResult> reply) {
            this.name = name;
            this.category = category;
            this.schema = schema;
            this.reply = reply;
        }

        /** {@code name} of {@code category} taking {@code {"text": string}} (required) and echoing it. */
        public static CountingTool echo(String name, ToolCategory category) {
            return new CountingTool(name, category, """
                    {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"],
                     "additionalProperties": false}""", a -> ToolResult.ok(a.path("text").asString()));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test tool " + name;
        }

        @Override
        public String parametersSchema() {
            return schema;
        }

        @Override
        public ToolCategory category() {
            return category;
        }

        @Override
        public ToolResult call(ObjectNode arguments, ToolContext context) {
            calls.incrementAndGet();
            return reply.apply(arguments);
        }
    }

    /** A tool that blocks until interrupted, and says whether it was. */
    public static final class BlockingTool implements Tool {
        public final CountDownLatch started = new CountDownLatch(1);
        public final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public String name() {
            return "block";
        }

        @Override
        public String description() {
            return "blocks";
        }

        @Override
        public String parametersSchema() {
            return "{\"type\": \"object\"}";
        }

        @Override
        public ToolCategory category() {
            return ToolCategory.READ;
        }

        @Override
        public ToolResult call(ObjectNode arguments, ToolContext context) {
            started.countDown();
            try {
                Thread.sleep(Duration.ofMinutes(10));
                return ToolResult.ok("woke up");
            } catch (InterruptedException e) {
                interrupted.countDown();
                return ToolResult.ok("interrupted");
            }
        }
    }

    /** A sandbox rooted at {@code root} with the given limits; it allows every path under the root and runs nothing. */
    public record TestSandbox(Path root, Duration callTimeLimit, int outputCapBytes) implements Sandbox {
        public static TestSandbox of(Path root) {
            return new TestSandbox(root, Duration.ofSeconds(30), 64 * 1024);
        }

        @Override
        public Path readable(String path) {
            return root.resolve(path);
        }

        @Override
        public Path writable(String path) {
            return root.resolve(path);
        }

        @Override
        public CommandResult run(List<String> argv, boolean shell, Path workingDirectory, Duration timeLimit) {
            throw new SandboxViolation("the test sandbox runs no commands");
        }
    }
}
