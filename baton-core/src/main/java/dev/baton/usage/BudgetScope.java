package dev.baton.usage;

/** What a budget limit counts: the whole project, one profile, provider, API key or run. */
public enum BudgetScope { PROJECT, PROFILE, PROVIDER, API_KEY, RUN }
