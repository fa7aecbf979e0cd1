package dev.baton.mcp;

/**
 * What Baton answers when an MCP server asks the user for input during a call
 * ({@code elicitation/create}). Nobody is asked in the middle of a tool call, so the only answers
 * Baton can give on its own are "not supported" or the defaults the server's form already states.
 */
public enum Elicitation {

    /**
     * The client declares no elicitation capability and the SDK answers a request with a JSON-RPC
     * error: the default, so no server gets an answer nobody gave.
     */
    UNSUPPORTED,

    /**
     * The client declares form elicitation and accepts each form with the defaults its schema
     * gives; a form with a required field that has no default is declined. Opt-in only
     * ({@code baton tools call --accept-elicitation-defaults}).
     */
    ACCEPT_DEFAULTS
}
