package dev.baton.cli;

import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;

/** {@link AskCommand}'s picocli model built in code (see {@link CommandModels}); its annotations say the same. */
final class AskCommandModel {

    private AskCommandModel() {
    }

    /** The model of {@code command}, whose fields it fills when it parses. */
    static CommandSpec spec(AskCommand c) {
        CommandSpec spec = CommandModels.standardHelpOptions(CommandSpec.wrapWithoutInspection(c).name("ask"));
        spec.usageMessage().description("Send one prompt to a model and stream the answer to stdout.");
        AskCommand.Target t = c.target;
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true)
                .addArg(option(String.class, "PROFILE", "profile name or alias (default: default)",
                        new FieldBinding<String>(() -> t.profile, v -> t.profile = v), "-p", "--profile"))
                .addArg(option(String.class, "PROVIDER/MODEL", "a model without a profile, e.g. openai/gpt-4o",
                        new FieldBinding<String>(() -> t.model, v -> t.model = v), "-m", "--model"))
                .addArg(option(String.class, "TYPE",
                        "a task type under routing:; the first of its profiles whose context window fits is used",
                        new FieldBinding<String>(() -> t.task, v -> t.task = v), "-t", "--task"))
                .build());
        spec.addOption(option(String.class, "TEXT", "system prompt",
                new FieldBinding<String>(() -> c.system, v -> c.system = v), "--system"));
        spec.addOption(option(Path.class, "FILE", "JSON Schema the answer must match",
                new FieldBinding<Path>(() -> c.jsonSchema, v -> c.jsonSchema = v), "--json-schema"));
        spec.addOption(option(Integer.class, "N", null,
                new FieldBinding<Integer>(() -> c.maxTokens, v -> c.maxTokens = v), "--max-tokens"));
        spec.addOption(option(Double.class, "T", null,
                new FieldBinding<Double>(() -> c.temperature, v -> c.temperature = v), "--temperature"));
        spec.addOption(option(String.class, "NAMES",
                "let the model call these tools (comma-separated names or globs, e.g. read_file,fs.*)",
                new FieldBinding<String>(() -> c.tools, v -> c.tools = v), "--tools"));
        FieldBinding<Integer> rounds = new FieldBinding<>(() -> c.maxToolRounds, v -> c.maxToolRounds = v);
        spec.addOption(OptionSpec.builder("--max-tool-rounds").type(int.class).paramLabel("N").defaultValue("10")
                .initialValue(rounds.get()) // the field's, as for an annotated one: a null would not fit the int
                .descriptionKey("").description("with --tools: rounds of tool calls before the answer must come (default ${DEFAULT-VALUE})")
                .setter(rounds).getter(rounds).build());
        c.output = new OutputOptions();
        spec.addOption(OutputOptions.option(c.output));
        FieldBinding<String> prompt = new FieldBinding<>(() -> c.prompt, v -> c.prompt = v);
        spec.addPositional(PositionalParamSpec.builder().arity("0..1").paramLabel("PROMPT").type(String.class)
                .descriptionKey("").description("the prompt, or - to read it from stdin").setter(prompt).getter(prompt).build());
        c.spec = spec;
        return spec;
    }

    private static OptionSpec option(Class<?> type, String label, String description, FieldBinding<?> field,
                                     String... names) {
        OptionSpec.Builder b = OptionSpec.builder(names).type(type).paramLabel(label).descriptionKey("");
        if (description != null) b.description(description);
        return b.setter(field).getter(field).build();
    }
}
