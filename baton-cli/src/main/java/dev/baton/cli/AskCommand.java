package dev.baton.cli;

import dev.baton.Baton;
import dev.baton.config.ResolvedProfile;
import dev.baton.llm.ChatChunk;
import dev.baton.llm.ChatModel;
import dev.baton.llm.ChatRequest;
import dev.baton.llm.ChatStream;
import dev.baton.llm.ResponseFormat;
import dev.baton.tool.Tool;
import dev.baton.tool.ToolLoop;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code baton ask}: one prompt to one model, streamed to stdout; with {@code --tools}, through the tool loop. */
@Command(name = "ask", description = "Send one prompt to a model and stream the answer to stdout.")
final class AskCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    static final class Target {
        @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "profile name or alias (default: default)")
        String profile;
        @Option(names = {"-m", "--model"}, paramLabel = "PROVIDER/MODEL", description = "a model without a profile, e.g. openai/gpt-4o")
        String model;
        @Option(names = {"-t", "--task"}, paramLabel = "TYPE",
                description = "a task type under routing:; the first of its profiles whose context window fits is used")
        String task;
    }

    @ArgGroup(exclusive = true)
    Target target = new Target();

    @Option(names = "--system", paramLabel = "TEXT", description = "system prompt")
    String system;

    @Option(names = "--json-schema", paramLabel = "FILE", description = "JSON Schema the answer must match")
    Path jsonSchema;

    @Option(names = "--max-tokens", paramLabel = "N")
    Integer maxTokens;

    @Option(names = "--temperature", paramLabel = "T")
    Double temperature;

    @Option(names = "--tools", paramLabel = "NAMES",
            description = "let the model call these tools (comma-separated names or globs, e.g. read_file,fs.*)")
    String tools;

    @Option(names = "--max-tool-rounds", paramLabel = "N", defaultValue = "10",
            description = "with --tools: rounds of tool calls before the answer must come (default ${DEFAULT-VALUE})")
    int maxToolRounds;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "the prompt, or - to read it from stdin")
    String prompt;

    AskCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws IOException {
        if (maxToolRounds < 1) throw new UsageException("--max-tool-rounds: must be at least 1, got " + maxToolRounds);
        String text = promptText();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.resolve(env, false) == OutputFormat.json;
        try (Baton baton = env.openBaton()) {
            List<Tool> offered = tools == null ? null : AskTools.resolve(baton.tools(), tools);
            ChatModel model = target.task != null ? taskModel(baton, err) : profileModel(baton, err);
            ChatRequest request = request(text);
            if (offered != null) {
                ToolLoop loop = AskTools.loop(baton, model, offered, maxToolRounds, env, json, err);
                if (json) {
                    ToolLoop.Result r = loop.run(request, AskTools.context(baton));
                    Json.print(out, AskJson.of(r.response(), r));
                } else {
                    streamText(loop.stream(request, AskTools.context(baton)), out);
                }
            } else if (json) {
                Json.print(out, AskJson.of(model.chat(request)));
            } else {
                streamText(model.stream(request), out);
            }
        }
        return ExitCodes.OK;
    }

    private ChatModel profileModel(Baton baton, PrintWriter err) {
        String name = target.model != null ? target.model : target.profile != null ? target.profile : "default";
        ResolvedProfile profile = baton.profile(name);
        err.println("baton: profile " + profile.name() + " -> " + profile.modelRef() + " (" + profile.origin() + ")");
        err.flush();
        return baton.model(name);
    }

    /** The routed model of {@code --task}; the profile it picks shows in the answer ({@code profile} in JSON). */
    private ChatModel taskModel(Baton baton, PrintWriter err) {
        ChatModel model = baton.modelForTask(target.task);
        err.println("baton: task " + target.task + " -> " + String.join(", ", baton.routeOf(target.task)) + " (routing)");
        err.flush();
        return model;
    }

    private ChatRequest request(String text) throws IOException {
        ChatRequest.Builder b = ChatRequest.builder();
        if (system != null) b.system(system);
        b.user(text).maxTokens(maxTokens).temperature(temperature);
        if (jsonSchema != null) {
            // Relative to the command's working directory, which in-process callers set apart from the JVM's.
            Path schemaFile = env.workingDir().resolve(jsonSchema);
            if (!Files.isRegularFile(schemaFile)) throw UsageException.notFound("--json-schema: no such file: " + jsonSchema);
            String schema = Files.readString(schemaFile);
            try {
                Json.MAPPER.readTree(schema);
            } catch (RuntimeException e) {
                throw new UsageException("--json-schema: " + jsonSchema + " is not valid JSON: " + e.getMessage());
            }
            b.responseFormat(ResponseFormat.jsonSchema(schemaName(jsonSchema), schema));
        }
        return b.build();
    }

    private static String schemaName(Path file) {
        String n = file.getFileName().toString().replaceAll("\\.json$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        return n.isEmpty() ? "response" : n;
    }

    private String promptText() throws IOException {
        if (prompt != null && !prompt.equals("-")) return prompt;
        if (prompt == null && env.stdinIsTerminal()) {
            throw new UsageException("ask: give a PROMPT, or - to read it from stdin");
        }
        String text = RunInput.readStdin(env).strip();
        if (text.isEmpty()) throw new UsageException("ask: the prompt read from stdin is empty");
        return text;
    }

    private static void streamText(ChatStream opened, PrintWriter out) {
        boolean endsWithNewline = true;
        try (ChatStream stream = opened) {
            while (stream.hasNext()) {
                ChatChunk chunk = stream.next();
                if (!chunk.textDelta().isEmpty()) {
                    out.print(chunk.textDelta());
                    out.flush();
                    endsWithNewline = chunk.textDelta().endsWith("\n");
                }
                for (var call : chunk.toolCalls()) {
                    out.println();
                    out.println("[tool call] " + call.name() + " " + call.argumentsJson());
                    endsWithNewline = true;
                }
            }
        }
        if (!endsWithNewline) out.println();
        out.flush();
    }
}
