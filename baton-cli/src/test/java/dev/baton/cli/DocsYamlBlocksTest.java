package dev.baton.cli;

import dev.baton.catalog.ModelCatalog;
import dev.baton.provider.scripted.ScriptedScriptLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every YAML example in README.md and docs/ is what it claims to be. The line before each
 * {@code ```yaml} fence says what the block is:
 * <ul>
 *   <li>{@code <!-- baton:config -->} — a whole {@code config.yaml}: the CLI lists its profiles in a
 *       fresh project (every {@code ${VAR}} set to a dummy value), exit 0;</li>
 *   <li>{@code <!-- baton:ensemble profiles=a,b scripts=x.py ensembles=c -->} — a whole ensemble:
 *       {@code baton ensembles validate} accepts it, with the profiles (scripted), scripts (empty) and
 *       child ensembles it names standing in for the reader's own;</li>
 *   <li>{@code <!-- baton:operations profiles=a,b -->} — an operation definition file: {@code baton ops validate}
 *   accepts it with those profiles (scripted) configured;</li>
 *   <li>{@code <!-- baton:catalog -->} — a {@code models.yaml}, loaded by the model catalog;</li>
 *   <li>{@code <!-- baton:scripted -->} — a scripted-provider script, loaded by its loader;</li>
 *   <li>{@code <!-- baton:fragment -->} — a part of a file, shown for its keys: it must be YAML.</li>
 * </ul>
 */
class DocsYamlBlocksTest {

    private static final Set<String> KINDS = Set.of("config", "ensemble", "catalog", "scripted", "fragment", "operations");
    private static final Pattern ENV_VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    @TempDir
    Path tmp;

    @Test
    void every_yaml_block_says_what_it_is() {
        List<String> unmarked = DocBlocks.all().stream()
                .filter(DocBlocks.Block::isYaml)
                .filter(b -> b.marker() == null || !KINDS.contains(b.marker()))
                .map(b -> b.where() + (b.marker() == null ? ": no <!-- baton:KIND --> marker on the line before"
                        : ": unknown marker 'baton:" + b.marker() + "' (known: " + KINDS + ")"))
                .toList();

        assertThat(unmarked).as("YAML blocks without a known marker").isEmpty();
    }

    @Test
    void the_docs_hold_examples_of_every_kind_that_is_loaded() {
        assertThat(DocBlocks.all().stream().filter(DocBlocks.Block::isYaml).map(DocBlocks.Block::marker))
                .contains("config", "ensemble", "catalog", "scripted");
    }

    @TestFactory
    Stream<DynamicTest> every_marked_yaml_block_loads() {
        int[] n = {0};
        return DocBlocks.all().stream().filter(DocBlocks.Block::isYaml).filter(b -> b.marker() != null)
                .map(b -> DynamicTest.dynamicTest(b.marker() + " " + b.where(), () -> check(b, tmp.resolve("b" + n[0]++))));
    }

    private void check(DocBlocks.Block block, Path dir) throws IOException {
        switch (block.marker()) {
            case "config" -> checkConfig(block, dir);
            case "ensemble" -> checkEnsemble(block, dir);
            case "operations" -> checkOperations(block, dir);
            case "catalog" -> {
                Path file = Files.writeString(Files.createDirectories(dir).resolve("models.yaml"), block.text());
                assertThat(ModelCatalog.load(List.of(file)).size()).as(block.where()).isPositive();
            }
            case "scripted" -> new ScriptedScriptLoader().parse(block.text(), block.where());
            case "fragment" -> YAMLMapper.builder().build().readTree(block.text());
            default -> throw new AssertionError(block.where() + ": unknown marker " + block.marker());
        }
    }

    private static void checkConfig(DocBlocks.Block block, Path dir) throws IOException {
        CliHarness cli = withDummyVariables(new CliHarness(dir), block.text());
        Path config = cli.workDir().resolve(".baton/config.yaml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, block.text());

        var r = cli.run("profiles", "list", "-o", "json");

        assertThat(r.exit()).as("%s: baton profiles list with this block as .baton/config.yaml:%n%s",
                block.where(), r.err()).isZero();
    }

    private static void checkEnsemble(DocBlocks.Block block, Path dir) throws IOException {
        CliHarness cli = withDummyVariables(new CliHarness(dir), block.text());
        Path baton = cli.workDir().resolve(".baton");
        StringBuilder config = new StringBuilder("profiles:\n");
        for (String profile : block.arg("profiles")) config.append("  ").append(profile).append(": {provider: scripted}\n");
        Files.createDirectories(baton.resolve("ensembles"));
        Files.writeString(baton.resolve("config.yaml"), block.arg("profiles").isEmpty() ? "" : config);
        for (String script : block.arg("scripts")) {
            Path file = Files.createDirectories(baton.resolve("scripts")).resolve(script);
            Files.writeString(file, "#!/bin/sh\ncat\n");
            file.toFile().setExecutable(true);
        }
        for (String child : block.arg("ensembles")) {
            Files.writeString(baton.resolve("ensembles/" + child + ".yaml"),
                    "name: " + child + "\nagents:\n  - {name: only, model_profile: offline}\n");
        }
        Path file = Files.writeString(baton.resolve("ensembles/doc-example.yaml"), block.text());

        var r = cli.run("ensembles", "validate", file.toString());

        assertThat(r.exit()).as("%s: baton ensembles validate:%n%s%s", block.where(), r.out(), r.err()).isZero();
    }

    private static void checkOperations(DocBlocks.Block block, Path dir) throws IOException {
        CliHarness cli = new CliHarness(dir);
        Path baton = cli.workDir().resolve(".baton");
        StringBuilder config = new StringBuilder("profiles:\n");
        for (String profile : block.arg("profiles")) config.append("  ").append(profile).append(": {provider: scripted}\n");
        Files.createDirectories(baton.resolve("operations"));
        Files.writeString(baton.resolve("config.yaml"), block.arg("profiles").isEmpty() ? "" : config);
        Files.writeString(baton.resolve("operations/doc-example.yaml"), block.text());

        var r = cli.run("ops", "validate");

        assertThat(r.exit()).as("%s: baton ops validate:%n%s%s", block.where(), r.out(), r.err()).isZero();
        assertThat(r.out()).as(block.where()).doesNotContain(" 0 operations");
    }

    /** Every {@code ${VAR}} the text mentions, set to a dummy value, as a reader would have them set. */
    private static CliHarness withDummyVariables(CliHarness cli, String text) {
        Matcher m = ENV_VAR.matcher(text);
        while (m.find()) cli.env(m.group(1), "dummy-" + m.group(1).toLowerCase(java.util.Locale.ROOT));
        return cli;
    }
}
