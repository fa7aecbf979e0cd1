package dev.baton.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton completion bash|zsh|fish}: scripts that cover the whole command tree and that the shells accept. */
class CompletionCommandTest {

    @TempDir
    Path tmp;

    private record Shell(int exit, String out) {
    }

    private Shell shell(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Shell(p.exitValue(), out);
    }

    /** Every command path below the root, e.g. "ensembles list". */
    private static List<String> commandPaths() {
        List<String> paths = new ArrayList<>();
        collect(Main.commandLine(CliEnvironment.system()), "", paths);
        return paths;
    }

    private static void collect(CommandLine cmd, String prefix, List<String> paths) {
        cmd.getSubcommands().forEach((name, sub) -> {
            paths.add(prefix + name);
            collect(sub, prefix + name + " ", paths);
        });
    }

    private Path script(String shell) throws Exception {
        var r = new CliHarness(tmp).run("completion", shell);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        Path file = tmp.resolve("baton." + shell);
        Files.writeString(file, r.out());
        return file;
    }

    @Test
    void the_bash_script_names_every_subcommand_and_bash_accepts_it() throws Exception {
        Path file = script("bash");
        String text = Files.readString(file);

        for (String path : commandPaths()) {
            assertThat(text).as(path).contains(path.substring(path.lastIndexOf(' ') + 1));
        }
        assertThat(shell("bash", "-n", file.toString()).exit()).isZero();
    }

    @Test
    void bash_completes_a_partial_subcommand_and_options_of_a_nested_one() throws Exception {
        Path file = script("bash");

        Shell top = shell("bash", "-c", "source '" + file + "'; COMP_WORDS=(baton ens); COMP_CWORD=1; "
                + "COMP_LINE='baton ens'; COMP_POINT=9; _complete_baton; printf '%s\\n' \"${COMPREPLY[@]}\"");
        Shell nested = shell("bash", "-c", "source '" + file + "'; COMP_WORDS=(baton scripts test --par); COMP_CWORD=3; "
                + "COMP_LINE='baton scripts test --par'; COMP_POINT=24; _complete_baton; printf '%s\\n' \"${COMPREPLY[@]}\"");

        assertThat(top.out().lines()).contains("ensembles");
        assertThat(nested.out().lines()).contains("--parameters");
    }

    @Test
    void the_zsh_script_loads_bash_compatibility_first() throws Exception {
        String text = Files.readString(script("zsh"));

        assertThat(text).startsWith("#compdef baton").contains("bashcompinit").contains("_picocli_baton");
        assertThat(text.indexOf("bashcompinit")).isLessThan(text.indexOf("complete -F"));
    }

    @Test
    void the_fish_script_completes_every_command_path_with_its_options() throws Exception {
        String text = Files.readString(script("fish"));

        for (String path : commandPaths()) {
            String parent = path.contains(" ") ? "baton " + path.substring(0, path.lastIndexOf(' ')) : "baton";
            String name = path.substring(path.lastIndexOf(' ') + 1);
            assertThat(text).as(path).contains(") = \"" + parent + "\"' -a '" + name + "'");
        }
        assertThat(text).contains("= \"baton invoke\"' -s 'o' -l 'output-format' -x -a 'rich text json'");
    }

    @Test
    void fish_accepts_the_fish_script() throws Exception {
        Assumptions.assumeTrue(new ProcessBuilder("sh", "-c", "command -v fish").start().waitFor() == 0,
                "fish is not installed: skipping the syntax check of the fish completion script");
        Path file = script("fish");

        Shell check = shell("fish", "-n", file.toString());

        assertThat(check.exit()).as(check.out()).isZero();
    }

    @Test
    void an_unknown_shell_is_a_usage_error() {
        var r = new CliHarness(tmp).run("completion", "tcsh");

        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("baton: Invalid value for positional parameter at index 0 (SHELL)");
    }
}
