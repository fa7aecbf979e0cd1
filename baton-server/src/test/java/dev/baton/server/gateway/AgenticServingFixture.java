package dev.baton.server.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A serving project written the way an llm-orc user writes one, in Baton's {@code .baton/}
 * layout: a serving ensemble ({@code route} script, a {@code dispatch:} seat, an {@code emit}
 * script whose deliverable is llm-orc's serving outcome), two seat ensembles (the code seat
 * declares a {@code seat_contract:}) and scripted models. Turns with a build verb end in a
 * {@code write} tool call; other turns in prose.
 */
final class AgenticServingFixture {

    private AgenticServingFixture() {
    }

    static String config() {
        return """
                providers:
                  seats:
                    kind: scripted
                    options:
                      script:
                        rules:
                          - match: "(?i)prime"
                            reply: {text: "def is_prime(n):\\n    return n > 1 and all(n % d for d in range(2, n))\\n"}
                        fallback:
                          text: "A list can change after it is made; a tuple cannot."
                profiles:
                  seat-model: {provider: seats, model: seat-1}
                server:
                  agentic: {model: agentic, ensemble: serving}
                """;
    }

    static Map<String, String> ensembles() {
        return Map.of("serving", """
                name: serving
                description: one turn - route, fill the seat by dispatch, emit the serving outcome
                deliverable: emit
                agents:
                  - name: route
                    script: serving/route.py
                  - name: seat
                    dispatch: "${route.target}"
                    input_key: dispatch_input
                    depends_on: [route]
                  - name: emit
                    script: serving/emit.py
                    depends_on: [route, seat]
                """, "code-seat", """
                name: code-seat
                description: writes the code a turn asks for, as an envelope
                topaz_skill: code_generation
                output_substrate: artifact
                agents:
                  - {name: coder, model_profile: seat-model}
                  - {name: envelope, script: serving/envelope.py, depends_on: [coder]}
                seat_contract:
                  schema_validations:
                    - {agent: seat, output_schema: DispatchEnvelope, required_fields: [status, artifacts]}
                """, "explainer", """
                name: explainer
                description: explains in prose
                raw_output: false
                agents:
                  - {name: explain, model_profile: seat-model}
                """);
    }

    /** Writes the fixture's scripts under {@code project/.baton/scripts/serving}. */
    static void writeScripts(Path project) throws IOException {
        Path dir = Files.createDirectories(project.resolve(".baton/scripts/serving"));
        Files.writeString(dir.resolve("route.py"), """
                import json, re, sys
                envelope = json.load(sys.stdin)
                raw = envelope.get("input", "")
                turn = json.loads(raw) if isinstance(raw, str) and raw.startswith("{") else {"task": raw}
                task = turn.get("task", "")
                named = re.search(r"\\b([\\w./-]+\\.py)\\b", task)
                build = bool(named) or bool(re.search(r"(?i)\\b(write|create|build)\\b", task))
                print(json.dumps({
                    "target": "code-seat" if build else "explainer",
                    "build": build,
                    "file": named.group(1) if named else "solution.py",
                    "dispatch_input": task,
                    "turns_before": turn.get("context", "").count("\\n") + (1 if turn.get("context") else 0),
                }))
                """);
        Files.writeString(dir.resolve("envelope.py"), """
                import json, sys
                deps = json.load(sys.stdin).get("dependencies", {})
                code = deps.get("coder", {}).get("response", "")
                print(json.dumps({"status": "success", "primary": "code written",
                                  "artifacts": [{"kind": "code", "content": code}]}))
                """);
        Files.writeString(dir.resolve("emit.py"), """
                import json, sys
                deps = json.load(sys.stdin).get("dependencies", {})
                def response(name):
                    value = deps.get(name, {}).get("response", "")
                    if isinstance(value, str) and value.strip().startswith("{"):
                        return json.loads(value)
                    return value
                route, seat = response("route"), response("seat")
                if route.get("build") and isinstance(seat, dict) and seat.get("artifacts"):
                    outcome = {"finish": False, "file": route["file"], "content": seat["artifacts"][0]["content"]}
                else:
                    outcome = {"finish": True, "content": seat if isinstance(seat, str) else json.dumps(seat)}
                print(json.dumps(outcome))
                """);
    }
}
