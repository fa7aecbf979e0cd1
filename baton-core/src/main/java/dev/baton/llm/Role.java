package dev.baton.llm;

/** Who a {@link Message} is from. */
public enum Role {
    SYSTEM, USER, ASSISTANT, TOOL
}
