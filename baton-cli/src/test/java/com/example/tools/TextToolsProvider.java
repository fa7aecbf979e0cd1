package com.example.tools;

import dev.baton.config.BatonConfig;
import dev.baton.tool.Sandbox;
import dev.baton.tool.ToolSource;
import dev.baton.tool.ToolSourceProvider;

import java.util.List;
import java.util.Map;

/** Found by Baton through META-INF/services; gives every Baton this plug-in's source. */
public final class TextToolsProvider implements ToolSourceProvider {

    @Override
    public List<ToolSource> sources(BatonConfig config, Map<String, String> env, Sandbox sandbox) {
        return List.of(new TextToolsSource());
    }
}
