package dev.baton.cli;

import com.example.tools.TextToolsProvider;
import dev.baton.Baton;
import dev.baton.llm.ToolCall;
import dev.baton.tool.NonInteractiveApprover;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolCallRecord;
import dev.baton.tool.ToolContext;
import dev.baton.tool.ToolInvoker;
import dev.baton.tool.ToolListener;
import dev.baton.tool.ToolSource;
import dev.baton.tool.ToolSourceProvider;
import dev.baton.tool.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The custom-tool example of docs/tools.md is real: each {@code <!-- baton:source file=PATH -->}
 * block is that file of the repository, word for word, and the files, registered through their
 * services file, are found by {@link ServiceLoader} and called through Baton's invoker.
 */
class ToolsDocExampleTest {

    private static final Path DOC = DocBlocks.root().resolve("docs/tools.md");
    /** Where the example's services file lives: off the test class path's root, so it joins no other test's Baton. */
    private static final Path SERVICES_ROOT = DocBlocks.root().resolve("baton-cli/src/test/resources/docexample");

    @TempDir
    Path tmp;

    @Test
    void every_source_block_is_the_file_it_names() throws Exception {
        List<DocBlocks.Block> blocks = DocBlocks.of(DOC).stream().filter(b -> "source".equals(b.marker())).toList();

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(4);
        for (DocBlocks.Block b : blocks) {
            Path file = DocBlocks.root().resolve(b.arg("file").getFirst());
            assertThat(file).as(b.where()).isRegularFile();
            assertThat(b.text().strip()).as("%s is %s", b.where(), file).isEqualTo(Files.readString(file).strip());
        }
    }

    @Test
    void the_registered_provider_is_found_and_its_tool_runs_through_validation_and_the_sandbox() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.createDirectories(work.resolve(".baton"));
        Files.writeString(work.resolve(".baton/config.yaml"), "default_profile: offline\n");
        Files.writeString(work.resolve("notes.txt"), "buy more coffee\nand some tea\n");
        Files.writeString(tmp.resolve("outside.txt"), "secret\n");
        CliEnvironment env = new CliEnvironment(work, Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString()),
                new ByteArrayInputStream(new byte[0]), false, false, CliEnvironment::defaultBaton);

        try (URLClassLoader plugin = new URLClassLoader(new URL[] {SERVICES_ROOT.toUri().toURL()}, getClass().getClassLoader());
             Baton baton = env.openBaton()) {
            ToolSourceProvider provider = ServiceLoader.load(ToolSourceProvider.class, plugin).stream()
                    .map(ServiceLoader.Provider::get).filter(p -> p instanceof TextToolsProvider).findFirst()
                    .orElseThrow(() -> new AssertionError("the services file does not register TextToolsProvider"));
            Tools tools = baton.tools();
            ToolSource source = provider.sources(baton.config(), Map.of(), tools.sandbox()).getFirst();
            Tool tool = source.tools().getFirst();
            ToolInvoker invoker = tools.invoker(List.of(tool), tools.permissions(), new NonInteractiveApprover(),
                    ToolListener.NONE);
            ToolContext context = new ToolContext("doc-example", "test", tools.sandbox(), Instant.now().plus(Duration.ofMinutes(1)));

            var counted = invoker.invoke(new ToolCall("1", "word_count", "{\"path\": \"notes.txt\"}"), context);
            var invalid = invoker.invoke(new ToolCall("2", "word_count", "{\"file\": \"notes.txt\"}"), context);
            var outside = invoker.invoke(new ToolCall("3", "word_count", "{\"path\": \"../outside.txt\"}"), context);

            assertThat(source.name()).isEqualTo("text-tools");
            assertThat(counted.result().isError()).as(counted.result().content()).isFalse();
            assertThat(counted.result().content()).isEqualTo("2 lines, 6 words");
            assertThat(counted.record().decidedBy()).isEqualTo("policy");
            assertThat(invalid.record().outcome()).isEqualTo(ToolCallRecord.Outcome.INVALID_ARGUMENTS);
            assertThat(outside.result().isError()).isTrue();
            assertThat(outside.result().content()).contains("outside the workspace").doesNotContain("secret");
        }
    }
}
