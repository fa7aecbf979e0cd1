package dev.baton.mcp.server;

import java.util.List;
import java.util.Map;

/**
 * A prompt the client can fetch by name with arguments: the messages it renders to, and optional
 * completions for its arguments' values ({@code completion/complete}).
 */
public record ServerPrompt(String name, String description, List<Argument> arguments, Renderer renderer,
                           Completer completer) {

    public ServerPrompt {
        arguments = List.copyOf(arguments);
    }

    /** A prompt without completions. */
    public static ServerPrompt of(String name, String description, List<Argument> arguments, Renderer renderer) {
        return new ServerPrompt(name, description, arguments, renderer, (argument, prefix) -> List.of());
    }

    public record Argument(String name, String description, boolean required) {
    }

    /** A message of a rendered prompt. */
    public record Message(Role role, Content content) {
    }

    public enum Role { USER, ASSISTANT }

    /** Renders the prompt for {@code arguments}; a missing required argument is an {@link IllegalArgumentException} naming it. */
    @FunctionalInterface
    public interface Renderer {
        List<Message> render(Map<String, String> arguments);
    }

    /** Values that complete {@code prefix} for the argument named {@code argument}, best first. */
    @FunctionalInterface
    public interface Completer {
        List<String> complete(String argument, String prefix);
    }
}
