package dev.baton.mcp.internal.oauth;

/** Baton could not authorize itself to an MCP server; the message says which step failed and why, never a token. */
public final class OAuthException extends Exception {
    public OAuthException(String message) {
        super(message);
    }

    public OAuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
