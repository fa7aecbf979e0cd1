package dev.baton.cli;

import dev.baton.Baton;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * {@code baton mcp}: Baton as an MCP server over stdio, for a client that starts it as a
 * subprocess. Stdout carries JSON-RPC and nothing else: logs go to stderr, and while it serves,
 * {@code System.out} is pointed at stderr so a stray print anywhere in the process cannot corrupt
 * the protocol. Returns when the client closes stdin; Ctrl-C or SIGTERM stop it with 130.
 */
@Command(name = "mcp", description = "Serve Baton's MCP tools over stdio (for Claude Code, Claude Desktop, Cursor): JSON-RPC on stdout, logs on stderr.")
final class McpCommand implements Callable<Integer> {

    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    McpCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        LineOutputStream protocol = new LineOutputStream(spec.commandLine().getOut());
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try (Baton baton = env.openBaton(); InterruptGuard guard = InterruptGuard.install()) {
            McpServerFactory.of(baton).serveStdio(env.stdin(), protocol);
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            return ExitCodes.INTERRUPTED;
        } finally {
            System.setOut(stdout);
        }
    }
}
