package dev.baton.usage;

class InMemoryBudgetStoreTest extends AbstractBudgetStoreContractTest {

    private final InMemoryBudgetStore.Shared shared = new InMemoryBudgetStore.Shared();

    @Override
    protected BudgetStore store(String owner) {
        return new InMemoryBudgetStore(shared, owner);
    }
}
