package dev.baton.tool;

import java.util.ArrayList;
import java.util.List;

/**
 * Permission layers from the widest (configuration) to the narrowest (an agent); a call's
 * permission is the strictest any layer gives, so a narrower layer never widens a wider one.
 */
public record ToolPermissions(List<ToolPolicy> layers) {

    public ToolPermissions {
        if (layers.isEmpty()) throw new IllegalArgumentException("permissions need at least one layer");
        layers = List.copyOf(layers);
    }

    /** Permissions of one layer. */
    public static ToolPermissions of(ToolPolicy policy) {
        return new ToolPermissions(List.of(policy));
    }

    /** These permissions narrowed by {@code layer}. */
    public ToolPermissions narrowedBy(ToolPolicy layer) {
        List<ToolPolicy> all = new ArrayList<>(layers);
        all.add(layer);
        return new ToolPermissions(all);
    }

    /** The permission for {@code tool} of {@code category}. */
    public ToolPolicy.Permission permission(String tool, ToolCategory category) {
        ToolPolicy.Mode mode = ToolPolicy.Mode.MANUAL;
        ToolPolicy.Permission result = ToolPolicy.Permission.RUN;
        for (ToolPolicy layer : layers) {
            // a looser mode in a narrower layer cannot widen: the wider layer's answer still counts
            if (layer.mode() != null) mode = layer.mode();
            result = result.strictest(layer.permission(tool, category, mode));
        }
        return result;
    }

    /**
     * Why {@code tool} of {@code category} needs a person's approval under these permissions (the
     * first layer that asks, and what in it asks); empty when it does not.
     */
    public String whyAsk(String tool, ToolCategory category) {
        ToolPolicy.Mode mode = ToolPolicy.Mode.MANUAL;
        for (int i = 0; i < layers.size(); i++) {
            ToolPolicy layer = layers.get(i);
            if (layer.mode() != null) mode = layer.mode();
            if (layer.permission(tool, category, mode) != ToolPolicy.Permission.ASK) continue;
            String where = i == 0 ? "configuration's `tools:`" : "the ensemble's or agent's `tool_permissions`";
            return mode == ToolPolicy.Mode.MANUAL
                    ? "mode manual (" + where + ") asks before every tool that is not read-only, and '" + tool
                    + "' is a " + category.id() + " tool"
                    : "mode trust (" + where + ") runs only the tools `allow` names, and '" + tool + "' is not among them";
        }
        return "";
    }
}
