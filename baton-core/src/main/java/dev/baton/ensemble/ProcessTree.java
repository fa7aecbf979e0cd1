package dev.baton.ensemble;

import java.util.List;

/**
 * Kills a process and everything it started. Descendants are killed before the root because a
 * child whose parent has died is re-parented and can no longer be found from the root.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    static void kill(Process process) {
        ProcessHandle root = process.toHandle();
        // a few rounds: a child may fork again between listing and killing
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> descendants = root.descendants().toList();
            if (descendants.isEmpty()) break;
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        root.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
