package dev.baton.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The models {@link CommandModels} builds in code say exactly what their annotated commands say:
 * the same options with the same attributes, the same usage text and version, the same values
 * parsed and the same errors; and the documented synopsis names every option they have.
 */
class CommandModelsTest {

    @TempDir
    Path tmp;

    /** The tree the annotations give (what {@code --help}, {@code help} and completion use). */
    private static CommandLine annotated(String name, CliEnvironment env) {
        CommandLine cli = new CommandLine(new BatonCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                try {
                    var withEnv = cls.getDeclaredConstructor(CliEnvironment.class);
                    return withEnv.newInstance(env);
                } catch (NoSuchMethodException e) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        });
        cli.addSubcommand(name, BatonCommand.SUBCOMMANDS.get(name));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    private static CommandLine built(String name, CliEnvironment env) {
        return Main.commandLine(env, new String[] {name});
    }

    private CliEnvironment env() {
        return new CliEnvironment(tmp, Map.of("HOME", tmp.toString()), java.io.InputStream.nullInputStream(),
                false, false, CliEnvironment::defaultBaton);
    }

    @Test
    void given_a_command_with_a_model_in_code_when_main_builds_its_tree_then_no_annotation_is_read() {
        for (String name : CommandModels.BUILT) {
            CommandLine cli = Main.commandLine(env(), new String[] {name, "x"});
            CommandSpec sub = cli.getSubcommands().get(name).getCommandSpec();
            for (ArgSpec arg : sub.args()) {
                if (arg.isOption() && (((OptionSpec) arg).usageHelp() || ((OptionSpec) arg).versionHelp())) continue; // no field
                assertThat(arg.getter()).as(name + " " + describe(arg)).isInstanceOf(FieldBinding.class);
            }
            assertThat(cli.getCommandSpec().mixins()).as("no annotated help mixin").isEmpty();
        }
    }

    @Test
    void given_each_model_in_code_then_its_options_and_parameters_equal_the_annotated_ones() {
        for (String name : CommandModels.BUILT) {
            CommandSpec a = annotated(name, env()).getSubcommands().get(name).getCommandSpec();
            CommandSpec b = built(name, env()).getSubcommands().get(name).getCommandSpec();
            assertThat(b.args().stream().map(CommandModelsTest::describe).sorted().toList()).as(name)
                    .containsExactlyElementsOf(a.args().stream().map(CommandModelsTest::describe).sorted().toList());
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.qualifiedName()).isEqualTo(a.qualifiedName());
        }
    }

    @Test
    void given_each_model_in_code_then_its_usage_and_version_text_are_the_annotated_ones() {
        for (String name : CommandModels.BUILT) {
            CommandLine a = annotated(name, env());
            CommandLine b = built(name, env());
            assertThat(b.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF)).as(name)
                    .isEqualTo(a.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF));
            assertThat(b.getUsageMessage(CommandLine.Help.Ansi.OFF)).isEqualTo(a.getUsageMessage(CommandLine.Help.Ansi.OFF));
            assertThat(b.getCommandSpec().version()).isEqualTo(a.getCommandSpec().version());
            assertThat(b.getSubcommands().get(name).getCommandSpec().version())
                    .isEqualTo(a.getSubcommands().get(name).getCommandSpec().version());
        }
    }

    @Test
    void given_invoke_command_lines_when_both_models_parse_them_then_the_fields_and_errors_are_the_same() {
        sameParsing("invoke", c -> fields((InvokeCommand) c), List.of(
                new String[] {"invoke", "fan-in", "--input", "x", "-o", "json"},
                new String[] {"invoke", "./e.yaml", "the input", "--no-artifact", "--strict", "-oJSON"},
                new String[] {"invoke", "e", "--input-file", "in.txt", "--max-concurrency", "3", "--budget", "0.25"},
                new String[] {"invoke", "e", "--batch", "-", "--parallel", "8", "--output-format=rich"},
                new String[] {"invoke", "e", "--max-concurrency", "many"},
                new String[] {"invoke", "e", "--budget", "lots"},
                new String[] {"invoke", "e", "-o", "yaml"},
                new String[] {"invoke", "e", "--inptu", "x"},
                new String[] {"invoke", "e", "a", "b"},
                new String[] {"invoke"},
                new String[] {"invoke", "e", "--input"}));
    }

    @Test
    void given_ask_command_lines_when_both_models_parse_them_then_the_fields_and_errors_are_the_same() {
        sameParsing("ask", c -> fields((AskCommand) c), List.of(
                new String[] {"ask", "hello"},
                new String[] {"ask", "-p", "fast", "--system", "be brief", "-o", "json", "hi"},
                new String[] {"ask", "-m", "openai/gpt-4o", "--max-tokens", "20", "--temperature", "0.5", "-"},
                new String[] {"ask", "-t", "code", "--json-schema", "s.json", "--tools", "read_file,fs.*", "--max-tool-rounds", "3", "q"},
                new String[] {"ask", "-p", "a", "-m", "b/c", "x"},
                new String[] {"ask", "-p", "a", "-t", "code", "x"},
                new String[] {"ask", "--temperature", "warm", "x"},
                new String[] {"ask", "--max-tokens", "1.5", "x"},
                new String[] {"ask", "--profil", "x"},
                new String[] {"ask", "one", "two"},
                new String[] {"ask"}));
    }

    private void sameParsing(String name, java.util.function.Function<Object, String> fields, List<String[]> lines) {
        for (String[] line : lines) {
            CommandLine a = annotated(name, env());
            CommandLine b = built(name, env());
            Throwable failedA = catchThrowable(() -> a.parseArgs(line));
            Throwable failedB = catchThrowable(() -> b.parseArgs(line));
            String what = String.join(" ", line);
            assertThat(failedB == null ? null : failedB.getClass()).as(what).isEqualTo(failedA == null ? null : failedA.getClass());
            if (failedA != null) {
                assertThat(failedB.getMessage()).as(what).isEqualTo(failedA.getMessage());
                continue;
            }
            assertThat(fields.apply(b.getSubcommands().get(name).getCommand())).as(what)
                    .isEqualTo(fields.apply(a.getSubcommands().get(name).getCommand()));
        }
    }

    @Test
    void given_a_bad_invoke_line_when_run_then_the_error_and_exit_code_are_the_usual_ones() {
        var r = new CliHarness(tmp).run("invoke", "e", "--inptu", "x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("""
                baton: Unknown option: '--inptu'
                Possible solutions: --input, --input-file
                Try 'baton invoke --help' for more information.
                """);

        var help = new CliHarness(tmp).run("invoke", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: baton invoke [-hV]").contains("--max-concurrency=N");
    }

    @Test
    void given_the_documented_synopsis_then_it_names_every_option_of_the_invoke_model() throws IOException {
        String doc = Files.readString(DocBlocks.root().resolve("docs/ensembles.md"));
        String synopsis = doc.substring(doc.indexOf("baton invoke ENSEMBLE"), doc.indexOf("```", doc.indexOf("baton invoke ENSEMBLE")));
        CommandSpec b = built("invoke", env()).getSubcommands().get("invoke").getCommandSpec();
        for (OptionSpec o : b.options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            assertThat(Arrays.stream(o.names()).anyMatch(synopsis::contains))
                    .as("docs/ensembles.md's synopsis of baton invoke names " + o.longestName()).isTrue();
        }
    }

    private static String describe(ArgSpec arg) {
        String common = String.join("|", arg.paramLabel(), arg.arity().toString(), String.valueOf(arg.type()),
                Arrays.toString(arg.auxiliaryTypes()), Arrays.toString(arg.description()), String.valueOf(arg.descriptionKey()),
                String.valueOf(arg.defaultValue()), String.valueOf(arg.required()), String.valueOf(arg.hidden()),
                String.valueOf(arg.scopeType()), String.valueOf(arg.inherited()), String.valueOf(arg.interactive()),
                String.valueOf(arg.splitRegex()), String.valueOf(arg.hideParamSyntax()),
                String.valueOf(candidates(arg)), String.valueOf(arg.showDefaultValue()),
                // picocli resets each field to its initial value before parsing: a null one for a primitive field
                // fails (a "[picocli WARN] Could not set initial value" on every run)
                String.valueOf(arg.initialValue()));
        if (arg instanceof OptionSpec o) {
            return "option " + Arrays.toString(o.names()) + "|" + o.usageHelp() + "|" + o.versionHelp() + "|"
                    + o.negatable() + "|" + o.order() + "|" + o.fallbackValue() + "|" + common;
        }
        return "parameter " + ((PositionalParamSpec) arg).index() + "|" + common;
    }

    private static List<String> candidates(ArgSpec arg) {
        List<String> out = new ArrayList<>();
        if (arg.completionCandidates() != null) arg.completionCandidates().forEach(out::add);
        return out;
    }

    private static String fields(AskCommand c) {
        return String.join("|", String.valueOf(c.target.profile), String.valueOf(c.target.model), String.valueOf(c.target.task),
                String.valueOf(c.system), String.valueOf(c.jsonSchema), String.valueOf(c.maxTokens), String.valueOf(c.temperature),
                String.valueOf(c.tools), String.valueOf(c.maxToolRounds), String.valueOf(c.output.format), String.valueOf(c.prompt));
    }

    private static String fields(InvokeCommand c) {
        return String.join("|", String.valueOf(c.ensemble), String.valueOf(c.inputArgument), String.valueOf(c.inputOption),
                String.valueOf(c.inputFile), String.valueOf(c.maxConcurrency), String.valueOf(c.budget),
                String.valueOf(c.noArtifact), String.valueOf(c.batch), String.valueOf(c.parallel), String.valueOf(c.strict),
                String.valueOf(c.output.format));
    }
}
