package dev.baton.tool;

import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * One layer of tool permissions, as written under {@code tools:} in configuration, an ensemble
 * or an agent. {@code manual} mode runs {@code read} tools and asks for everything else;
 * {@code trust} mode runs the tools {@code allow} matches and asks for the rest; {@code deny}
 * refuses outright in either mode. A narrowing layer may leave {@code mode} unset (inherit) and
 * {@code allow} empty (no further restriction). Layers combine by {@link ToolPermissions}, where
 * the strictest answer wins, so a layer can narrow but never widen what the one above allows.
 */
public record ToolPolicy(@Nullable Mode mode, List<String> allow, List<String> deny) {

    /** Configuration's default: manual, nothing allow-listed, nothing denied. */
    public static final ToolPolicy DEFAULT = new ToolPolicy(Mode.MANUAL, List.of(), List.of());

    /** A narrowing layer that changes nothing. */
    public static final ToolPolicy INHERIT = new ToolPolicy(null, List.of(), List.of());

    /** Permission modes. */
    public enum Mode { MANUAL, TRUST }

    /** What a policy says about one call. */
    public enum Permission {
        RUN, ASK, DENY;

        /** The stricter of this and {@code other}. */
        public Permission strictest(Permission other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    public ToolPolicy {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /**
     * This layer's answer for {@code tool} of {@code category}, with {@code inheritedMode} used
     * when this layer sets no mode.
     */
    public Permission permission(String tool, ToolCategory category, Mode inheritedMode) {
        if (ToolGlob.matchesAny(deny, tool)) return Permission.DENY;
        Mode effective = mode != null ? mode : inheritedMode;
        if (effective == Mode.MANUAL) return category == ToolCategory.READ ? Permission.RUN : Permission.ASK;
        if (mode == null && allow.isEmpty()) return Permission.RUN;
        return ToolGlob.matchesAny(allow, tool) ? Permission.RUN : Permission.ASK;
    }
}
