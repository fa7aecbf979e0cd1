package dev.baton.cli;

import dev.baton.Baton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarlyBatonTest {

    @TempDir
    Path tmp;

    private final List<String> buildThreads = Collections.synchronizedList(new ArrayList<>());

    private CliEnvironment environment(Function<CliEnvironment, Baton> factory) throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(),
                "BATON_CONFIG_HOME", tmp.resolve("home/.config/baton").toString(),
                "BATON_DATA_HOME", tmp.resolve("home/.local/share/baton").toString(),
                "OLLAMA_HOST", "127.0.0.1:1");
        return new CliEnvironment(work, env, new ByteArrayInputStream(new byte[0]), false, false, e -> {
            buildThreads.add(Thread.currentThread().getName());
            return factory.apply(e);
        });
    }

    @Test
    void a_command_that_opens_a_baton_gets_the_one_built_beside_the_command_line() throws IOException {
        CliEnvironment env = EarlyBaton.startFor(environment(CliEnvironment::defaultBaton), new String[] {"profiles", "list"});

        StringWriter out = new StringWriter();
        int code = Main.run(env, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "profiles", "list");
        EarlyBaton.closeUnclaimed(env);

        assertThat(code).isZero();
        assertThat(out.toString()).contains("offline");
        assertThat(buildThreads).containsExactly("baton-early-open");
    }

    @Test
    void a_broken_configuration_fails_the_command_as_if_it_had_read_it_itself() throws IOException {
        Path config = Files.createDirectories(tmp.resolve("work/.baton")).resolve("config.yaml");
        Files.writeString(config, "profiles:\n  p: {provider: scripted, model: offline, temprature: 1}\n");
        CliEnvironment plain = environment(CliEnvironment::defaultBaton);
        CliEnvironment early = EarlyBaton.startFor(plain, new String[] {"profiles", "list"});

        StringWriter direct = new StringWriter();
        int directCode = Main.run(plain, new PrintWriter(new StringWriter(), true), new PrintWriter(direct, true), "profiles", "list");
        StringWriter speculated = new StringWriter();
        int earlyCode = Main.run(early, new PrintWriter(new StringWriter(), true), new PrintWriter(speculated, true), "profiles", "list");

        assertThat(earlyCode).isEqualTo(directCode).isEqualTo(2);
        assertThat(speculated.toString()).isEqualTo(direct.toString()).contains("temprature");
    }

    @Test
    void the_early_instance_is_handed_out_once_and_later_openings_build_their_own() throws IOException {
        CliEnvironment env = EarlyBaton.startFor(environment(CliEnvironment::defaultBaton), new String[] {"invoke", "x"});

        try (Baton first = env.openBaton(); Baton second = env.openBaton()) {
            assertThat(first).isNotSameAs(second);
        }
        assertThat(buildThreads).containsExactly("baton-early-open", Thread.currentThread().getName());
    }

    @Test
    void a_failed_early_build_rethrows_the_same_exception() throws IOException {
        IllegalStateException boom = new IllegalStateException("config.yaml: boom");
        CliEnvironment env = EarlyBaton.startFor(environment(e -> { throw boom; }), new String[] {"ask", "hi"});

        assertThatThrownBy(env::openBaton).isSameAs(boom);
    }

    @Test
    void help_and_commands_that_open_nothing_build_nothing_early() throws IOException {
        CliEnvironment base = environment(CliEnvironment::defaultBaton);
        for (String[] args : List.of(new String[] {"invoke", "--help"}, new String[] {"--version"},
                new String[] {"init"}, new String[] {"models", "list"}, new String[0])) {
            assertThat(EarlyBaton.startFor(base, args)).isSameAs(base);
        }
    }

    @Test
    void the_commands_that_open_early_are_exactly_those_whose_sources_open_a_baton() throws IOException {
        Set<String> opening = new TreeSet<>();
        for (var e : BatonCommand.SUBCOMMANDS.entrySet()) {
            if (e.getKey().equals("help")) continue;
            if (opensBaton(e.getValue())) opening.add(e.getKey());
        }
        assertThat(opening).isEqualTo(new TreeSet<>(EarlyBaton.OPENING_COMMANDS));
    }

    /** Whether the command's source, or one of its subcommands', calls {@code openBaton()}. */
    private static boolean opensBaton(Class<?> command) throws IOException {
        Class<?> top = command;
        while (top.getEnclosingClass() != null) top = top.getEnclosingClass();
        Path source = Path.of("src/main/java", top.getName().replace('.', '/') + ".java");
        if (Files.readString(source).contains("openBaton(")) return true;
        CommandLine.Command c = command.getAnnotation(CommandLine.Command.class);
        if (c == null) return false;
        for (Class<?> sub : c.subcommands()) {
            if (opensBaton(sub)) return true;
        }
        return false;
    }
}
