package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.ResolvedProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code baton profiles list|show}. */
@Command(name = "profiles", description = "List and show model profiles.",
        subcommands = {ProfilesCommand.ListCmd.class, ProfilesCommand.ShowCmd.class})
final class ProfilesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Map<String, Object> describe(ResolvedProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("provider", p.provider().name());
        m.put("kind", p.provider().kind());
        m.put("model", p.model());
        m.put("origin", p.origin());
        m.put("base_url", p.provider().baseUrl() == null ? null : p.provider().baseUrl().toString());
        m.put("credential", p.provider().apiKey() == null ? null : p.provider().apiKey().hint());
        m.put("temperature", p.temperature());
        m.put("max_tokens", p.maxTokens());
        m.put("timeout_seconds", p.timeout().toMillis() / 1000.0);
        m.put("system_prompt", p.systemPrompt());
        m.put("context_window", p.info().contextWindow());
        m.put("max_output_tokens", p.info().maxOutputTokens());
        if (p.info().prices() != null) {
            m.put("prices_per_million", Map.of("input", p.info().prices().inputPerMillion(),
                    "output", p.info().prices().outputPerMillion()));
        }
        m.put("fallback", p.fallback());
        m.put("options", p.options());
        return m;
    }

    @Command(name = "list", description = "List the configured and built-in profiles.")
    static final class ListCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;

        ListCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (String name : baton.profiles().names()) rows.add(describe(baton.profile(name)));
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, rows);
                    return;
                }
                Table table = new Table("PROFILE", "MODEL", "ORIGIN");
                for (var r : rows) table.row(r.get("name"), r.get("provider") + "/" + r.get("model"), r.get("origin"));
                table.print(out);
            }
        }
    }

    @Command(name = "show", description = "Show one profile with every value resolved.")
    static final class ShowCmd implements Runnable {
        private final CliEnvironment env;
        @Spec
        CommandSpec spec;
        @Mixin
        OutputOptions output;
        @Parameters(paramLabel = "PROFILE", description = "profile name, alias or provider/model")
        String name;

        ShowCmd(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            try (Baton baton = env.openBaton()) {
                Map<String, Object> d = describe(baton.profile(name));
                if (output.resolve(env, false) == OutputFormat.json) {
                    Json.print(out, d);
                    return;
                }
                d.forEach((k, v) -> {
                    if (v != null && !(v instanceof List<?> l && l.isEmpty()) && !(v instanceof Map<?, ?> m && m.isEmpty())) {
                        out.printf("%-18s %s%n", k + ":", v);
                    }
                });
                out.flush();
            }
        }
    }
}
