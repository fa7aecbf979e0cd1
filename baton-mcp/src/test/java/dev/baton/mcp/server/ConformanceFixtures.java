package dev.baton.mcp.server;

import dev.baton.mcp.server.ServerPrompt.Argument;
import dev.baton.mcp.server.ServerPrompt.Message;
import dev.baton.mcp.server.ServerPrompt.Role;
import dev.baton.mcp.server.ToolCall.LogLevel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * The tools, resources and prompts the official MCP conformance suite (server mode) calls by name,
 * registered through the public extension API exactly as a user's extension would be. Test code
 * only: never part of the product.
 */
final class ConformanceFixtures implements McpServerExtension {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode NO_ARGUMENTS = schema("{\"type\":\"object\",\"properties\":{}}");
    static final String PNG = png();
    static final String WAV = wav();

    @Override
    public void register(McpServerRegistry registry) {
        tools(registry);
        elicitationTools(registry);
        resources(registry);
        prompts(registry);
    }

    private static void tools(McpServerRegistry r) {
        r.tool(ServerTool.of("test_simple_text", "Returns simple text", NO_ARGUMENTS,
                (args, call) -> ToolResult.text("This is a simple text response for testing.")));
        r.tool(ServerTool.of("test_image_content", "Returns an image", NO_ARGUMENTS,
                (args, call) -> ToolResult.of(new Content.Image(PNG, "image/png"))));
        r.tool(ServerTool.of("test_audio_content", "Returns audio", NO_ARGUMENTS,
                (args, call) -> ToolResult.of(new Content.Audio(WAV, "audio/wav"))));
        r.tool(ServerTool.of("test_embedded_resource", "Returns an embedded resource", NO_ARGUMENTS,
                (args, call) -> ToolResult.of(new Content.Resource(ResourceContent.text("test://embedded-resource",
                        "text/plain", "This is an embedded resource content.")))));
        r.tool(ServerTool.of("test_multiple_content_types", "Returns text, an image and a resource", NO_ARGUMENTS,
                (args, call) -> ToolResult.of(new Content.Text("Multiple content types test:"),
                        new Content.Image(PNG, "image/png"),
                        new Content.Resource(ResourceContent.text("test://mixed-content-resource", "application/json",
                                "{\"test\":\"data\",\"value\":123}")))));
        r.tool(ServerTool.of("test_tool_with_logging", "Logs three messages while it runs", NO_ARGUMENTS, (args, call) -> {
            call.log(LogLevel.INFO, "Tool execution started");
            Thread.sleep(50);
            call.log(LogLevel.INFO, "Tool processing data");
            Thread.sleep(50);
            call.log(LogLevel.INFO, "Tool execution completed");
            return ToolResult.text("Tool with logging executed successfully");
        }));
        r.tool(ServerTool.of("test_error_handling", "Always fails", NO_ARGUMENTS, (args, call) -> {
            throw new IllegalStateException("This tool intentionally returns an error for testing");
        }));
        r.tool(ServerTool.of("test_tool_with_progress", "Reports progress 0, 50, 100 of 100", NO_ARGUMENTS, (args, call) -> {
            call.progress(0, 100.0, null);
            Thread.sleep(50);
            call.progress(50, 100.0, null);
            Thread.sleep(50);
            call.progress(100, 100.0, null);
            return ToolResult.text("Tool with progress executed successfully");
        }));
        r.tool(ServerTool.of("test_sampling", "Asks the client's model", schema("""
                {"type":"object","properties":{"prompt":{"type":"string","description":"The prompt to send"}},"required":["prompt"]}"""),
                (args, call) -> ToolResult.text("LLM response: " + call.sample(args.path("prompt").asString(), 100))));
        r.tool(ServerTool.of("json_schema_2020_12_tool", "Tool with JSON Schema 2020-12 features", schema("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "$defs":{"address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
                 "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"}},
                 "additionalProperties":false}"""),
                (args, call) -> ToolResult.text("Received: " + args)));
    }

    private static void elicitationTools(McpServerRegistry r) {
        r.tool(ServerTool.of("test_elicitation", "Asks the user for a username and email", schema("""
                {"type":"object","properties":{"message":{"type":"string","description":"The message to show"}},"required":["message"]}"""),
                (args, call) -> {
                    ToolCall.Elicitation answer = call.elicit(args.path("message").asString(), schema("""
                            {"type":"object","properties":{
                              "username":{"type":"string","description":"User's response"},
                              "email":{"type":"string","description":"User's email address"}},
                             "required":["username","email"]}"""));
                    return ToolResult.text("User response: action=" + answer.action() + ", content=" + answer.content());
                }));
        r.tool(ServerTool.of("test_elicitation_sep1034_defaults", "Elicitation with defaults", NO_ARGUMENTS,
                (args, call) -> elicited(call.elicit("Please review and update the form fields with defaults", schema("""
                        {"type":"object","properties":{
                          "name":{"type":"string","description":"User name","default":"John Doe"},
                          "age":{"type":"integer","description":"User age","default":30},
                          "score":{"type":"number","description":"User score","default":95.5},
                          "status":{"type":"string","description":"User status","enum":["active","inactive","pending"],"default":"active"},
                          "verified":{"type":"boolean","description":"Verification status","default":true}},
                         "required":[]}""")))));
        r.tool(ServerTool.of("test_elicitation_sep1330_enums", "Elicitation with every enum form", NO_ARGUMENTS,
                (args, call) -> elicited(call.elicit("Please select options from the enum fields", schema("""
                        {"type":"object","properties":{
                          "untitledSingle":{"type":"string","description":"Untitled single-select","enum":["option1","option2","option3"]},
                          "titledSingle":{"type":"string","description":"Titled single-select","oneOf":[
                            {"const":"value1","title":"First Option"},{"const":"value2","title":"Second Option"},
                            {"const":"value3","title":"Third Option"}]},
                          "legacyEnum":{"type":"string","description":"Legacy titled enum","enum":["opt1","opt2","opt3"],
                            "enumNames":["Option One","Option Two","Option Three"]},
                          "untitledMulti":{"type":"array","description":"Untitled multi-select",
                            "items":{"type":"string","enum":["option1","option2","option3"]}},
                          "titledMulti":{"type":"array","description":"Titled multi-select","items":{"anyOf":[
                            {"const":"value1","title":"First Choice"},{"const":"value2","title":"Second Choice"},
                            {"const":"value3","title":"Third Choice"}]}}},
                         "required":[]}""")))));
    }

    private static ToolResult elicited(ToolCall.Elicitation answer) {
        return ToolResult.text("Elicitation completed: action=" + answer.action() + ", content=" + answer.content());
    }

    private static void resources(McpServerRegistry r) {
        r.resource(new ServerResource("test://static-text", "Static text", "A static text resource", "text/plain",
                () -> List.of(ResourceContent.text("test://static-text", "text/plain",
                        "This is the content of the static text resource."))));
        r.resource(new ServerResource("test://static-binary", "Static binary", "A static PNG image", "image/png",
                () -> List.of(ResourceContent.blob("test://static-binary", "image/png", PNG))));
        r.resource(new ServerResource("test://watched-resource", "Watched resource", "A resource to subscribe to", "text/plain",
                () -> List.of(ResourceContent.text("test://watched-resource", "text/plain", "Watched resource content"))));
        r.resourceTemplate(new ServerResourceTemplate("test://template/{id}/data", "Template data",
                "Data for an id", "application/json", (context, uri, vars) -> List.of(ResourceContent.text(uri, "application/json",
                        "{\"id\":\"" + vars.get("id") + "\",\"templateTest\":true,\"data\":\"Data for ID: " + vars.get("id") + "\"}"))));
    }

    private static void prompts(McpServerRegistry r) {
        r.prompt(ServerPrompt.of("test_simple_prompt", "A simple prompt without arguments", List.of(),
                args -> List.of(new Message(Role.USER, new Content.Text("This is a simple prompt for testing.")))));
        r.prompt(ServerPrompt.of("test_prompt_with_embedded_resource", "A prompt embedding a resource",
                List.of(new Argument("resourceUri", "URI of the resource to embed", true)),
                args -> List.of(
                        new Message(Role.USER, new Content.Resource(ResourceContent.text(args.get("resourceUri"), "text/plain",
                                "Embedded resource content for testing."))),
                        new Message(Role.USER, new Content.Text("Please process the embedded resource above.")))));
        // two prompts come from a per-session source, so the suite also checks the per-session prompt handlers
        r.prompts(context -> List.of(
                new ServerPrompt("test_prompt_with_arguments", "A prompt with two arguments",
                        List.of(new Argument("arg1", "First test argument", true), new Argument("arg2", "Second test argument", true)),
                        args -> List.of(new Message(Role.USER, new Content.Text(
                                "Prompt with arguments: arg1='" + args.get("arg1") + "', arg2='" + args.get("arg2") + "'"))),
                        (argument, prefix) -> List.of("paris", "park", "party").stream().filter(v -> v.startsWith(prefix)).toList()),
                ServerPrompt.of("test_prompt_with_image", "A prompt with an image", List.of(),
                        args -> List.of(new Message(Role.USER, new Content.Image(PNG, "image/png")),
                                new Message(Role.USER, new Content.Text("Please analyze the image above."))))));
    }

    static JsonNode schema(String json) {
        return JSON.readTree(json);
    }

    /** A 1x1 red PNG, encoded here rather than pasted in. */
    private static String png() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** 10 ms of silence as a 8 kHz mono 16-bit PCM WAV file. */
    private static String wav() {
        int samples = 80;
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        return Base64.getEncoder().encodeToString(b.array());
    }

}
