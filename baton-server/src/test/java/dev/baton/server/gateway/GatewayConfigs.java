package dev.baton.server.gateway;

import java.util.Map;

/** The configuration and ensembles the gateway's tests serve. */
final class GatewayConfigs {

    private GatewayConfigs() {
    }

    /**
     * Profile {@code fast} (alias {@code quick}) answers from a script: a tool call for the weather,
     * a round after tool results, JSON, a stream that breaks after two words, else a greeting.
     * Profile {@code ens} serves the {@code summary} ensemble's two agents. {@code extra} is
     * appended (more providers and profiles).
     */
    static String scripted(String extraProviders, String extraProfiles) {
        return """
                retry: {max_attempts: 2, base_delay_ms: 1, max_delay_ms: 5}
                providers:
                  canned:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "."
                            match_on: tool_results
                            reply: {text: "The weather is {{tool_result}}."}
                          - match: "(?i)weather"
                            reply:
                              tool_calls:
                                - {id: call_w1, name: get_weather, arguments: {city: Paris}}
                          - match: "(?i)json please"
                            reply: {json: {answer: 42}}
                          - match: "(?i)break"
                            reply:
                              text: "one two three four"
                              fail_after_chunks: 2
                              error: {code: PROVIDER_ERROR, message: "connection reset"}
                        fallback:
                          text: "Hello from Baton."
                          usage: {input_tokens: 7, output_tokens: 4}
                  ensemble-model:
                    kind: scripted
                    options:
                      script:
                        fallback:
                          text: "Ensemble deliverable."
                          usage: {input_tokens: 11, output_tokens: 6}
                %s
                profiles:
                  fast: {provider: canned, model: canned-1}
                  other: {provider: canned, model: canned-1}
                  ens: {provider: ensemble-model, model: ens-1}
                %s
                aliases:
                  quick: fast
                """.formatted(extraProviders.indent(2).stripTrailing(), extraProfiles.indent(2).stripTrailing());
    }

    /** Ensemble {@code summary}: a drafter and an editor, the editor's answer the deliverable. */
    static Map<String, String> ensembles() {
        return Map.of("summary", """
                name: summary
                description: drafts and edits
                deliverable: editor
                agents:
                  - name: drafter
                    model_profile: ens
                  - name: editor
                    model_profile: ens
                    depends_on: [drafter]
                """);
    }
}
