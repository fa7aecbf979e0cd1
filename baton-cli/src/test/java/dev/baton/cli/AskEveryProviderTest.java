package dev.baton.cli;

import dev.baton.provider.WireDialect;
import dev.baton.provider.anthropic.AnthropicDialect;
import dev.baton.provider.gemini.GeminiDialect;
import dev.baton.provider.ollama.OllamaDialect;
import dev.baton.provider.openai.OpenAiDialect;
import dev.baton.testing.LoopbackServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baton ask -p PROFILE} for a profile of each provider, against loopback servers speaking its wire format. */
class AskEveryProviderTest {

    @TempDir
    Path tmp;

    private LoopbackServer server;

    private WireDialect dialect(String kind) {
        return switch (kind) {
            case "bedrock" -> new dev.baton.provider.bedrock.BedrockDialect(() -> server.lastRequest());
            case "openai" -> new OpenAiDialect();
            case "anthropic" -> new AnthropicDialect();
            case "gemini" -> new GeminiDialect();
            case "ollama" -> new OllamaDialect();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"openai, /v1, gpt-4o-mini", "anthropic, '', claude-haiku-4-5", "gemini, '', gemini-2.5-flash",
            "ollama, '', llama3.2:3b", "bedrock, '', amazon.nova-lite-v1:0"})
    void ask_streams_and_answers_json_for_a_profile_of_each_provider(String kind, String path, String model) throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            this.server = server;
            WireDialect d = dialect(kind);
            server.enqueue(d.streamedText(List.of("Hello", " from ", kind), 5, 3));
            server.enqueue(d.text("whole answer", 5, 2));
            CliHarness cli = new CliHarness(tmp);
            Files.createDirectories(cli.workDir().resolve(".baton"));
            Files.writeString(cli.workDir().resolve(".baton/config.yaml"), """
                    providers:
                      loop:
                        kind: %s
                        base_url: %s%s
                        api_key: test-key-%s-123456
                    %s
                    profiles:
                      p:
                        provider: loop
                        model: "%s"
                    """.formatted(kind, server.baseUri(), path, kind, kind.equals("bedrock")
                    ? "    options: {region: us-east-1, access_key_id: AKIDEXAMPLE, secret_access_key: test-secret}" : "", model));

            var streamed = cli.run("ask", "-p", "p", "hi");
            var json = cli.run("ask", "-p", "p", "-o", "json", "hi again");

            assertThat(streamed.exit()).as(streamed.err()).isZero();
            assertThat(streamed.out()).isEqualTo("Hello from " + kind + "\n");
            assertThat(streamed.err()).contains("profile p -> loop/" + model);
            assertThat(json.exit()).as(json.err()).isZero();
            assertThat(Json.MAPPER.readTree(json.out()).path("text").asString()).isEqualTo("whole answer");
            assertThat(Json.MAPPER.readTree(json.out()).path("usage").path("output_tokens").asInt()).isEqualTo(2);
        }
    }
}
