package dev.baton.mcp;

/** Names of MCP tools in Baton: {@code SERVER.TOOL}, with characters a tool name may not hold replaced by {@code _}. */
final class ToolNames {

    private static final int MAX = 128;

    private ToolNames() {
    }

    static String qualified(String server, String tool) {
        StringBuilder out = new StringBuilder(server).append('.');
        for (int i = 0; i < tool.length() && out.length() < MAX; i++) {
            char c = tool.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}
