package com.example.tools;

import dev.baton.tool.Tool;
import dev.baton.tool.ToolSource;

import java.util.List;

/** The tools of this plug-in, listed by `baton tools list` as source `text-tools`. */
public final class TextToolsSource implements ToolSource {

    @Override
    public String name() {
        return "text-tools";
    }

    @Override
    public List<Tool> tools() {
        return List.of(new WordCountTool());
    }
}
