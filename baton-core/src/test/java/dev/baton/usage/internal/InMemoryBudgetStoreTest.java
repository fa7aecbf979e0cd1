package dev.baton.usage.internal;

import dev.baton.usage.AbstractBudgetStoreContractTest;
import dev.baton.usage.BudgetStore;

class InMemoryBudgetStoreTest extends AbstractBudgetStoreContractTest {

    private final InMemoryBudgetStore.Shared shared = new InMemoryBudgetStore.Shared();

    @Override
    protected BudgetStore store(String owner) {
        return new InMemoryBudgetStore(shared, owner);
    }
}
