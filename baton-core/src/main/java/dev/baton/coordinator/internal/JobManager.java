package dev.baton.coordinator.internal;

import dev.baton.coordinator.CoordinatorEvent;
import dev.baton.coordinator.CoordinatorListener;
import dev.baton.coordinator.CoordinatorRequest;
import dev.baton.coordinator.CoordinatorTool;
import dev.baton.coordinator.JobResult;
import dev.baton.coordinator.JobState;
import dev.baton.coordinator.PlannedJob;
import dev.baton.usage.BudgetEnforcer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs a plan's jobs, each on a virtual thread: at most {@code maxParallel} at once, highest
 * priority first (plan order among equals), a tool that reads the other jobs' outputs only after
 * every other job ended. Each job starting gets its share of what is left of the cost and time
 * pools ({@link ShareLedger}); its cost share becomes a budget scope under the request's in the
 * pipeline's {@link BudgetEnforcer} (so the budget guard refuses a call that would pass it), its
 * time share a deadline past which the job is interrupted and returns what it has, flagged
 * partial. Every state change is an event.
 */
final class JobManager {

    /** How long an interrupted job gets to hand back what it has before it is given up on. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final BudgetEnforcer budgets;
    private final Clock clock;

    JobManager(BudgetEnforcer budgets, Clock clock) {
        this.budgets = budgets;
        this.clock = clock;
    }

    /** What the jobs of one request run with. */
    record Run(CoordinatorRequest request, List<PlannedJob> jobs, Map<String, CoordinatorTool> tools, int maxParallel,
               BigDecimal costPool, Duration timePool, Instant deadline, Duration jobWaitTimeout,
               Function<JobSlot, DefaultJobContext> contexts, CoordinatorListener listener) {
    }

    /** One job as it starts: its index and id, its limits. */
    record JobSlot(int index, String jobId, PlannedJob job, BigDecimal costLimit, Instant deadline,
                   Map<String, JobResult> earlier) {
    }

    /** Runs every job to an end; returns their results in plan order. */
    List<JobResult> run(Run run) {
        int n = run.jobs().size();
        String rid = run.request().id();
        ShareLedger cost = new ShareLedger(run.costPool().doubleValue(), weights(run.jobs(), true));
        ShareLedger time = new ShareLedger(run.timePool().toMillis(), weights(run.jobs(), false));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        // stable: equal priorities keep plan order; tools that read the others go last
        order.sort(Comparator.<Integer>comparingInt(i -> run.tools().get(run.jobs().get(i).tool()).readsOtherJobs() ? 1 : 0)
                .thenComparing(i -> -run.jobs().get(i).priority()));
        JobResult[] results = new JobResult[n];
        Map<String, JobResult> ended = new ConcurrentHashMap<>();
        ReentrantLock lock = new ReentrantLock();
        Condition changed = lock.newCondition();
        int[] running = {0};
        for (int i = 0; i < n; i++) {
            run.listener().onEvent(new CoordinatorEvent.JobChanged(rid, clock.instant(), jobId(i), run.jobs().get(i).tool(), JobState.QUEUED, null));
        }
        List<Thread> threads = new ArrayList<>();
        try {
            for (int next : order) {
                boolean last = run.tools().get(run.jobs().get(next).tool()).readsOtherJobs();
                lock.lock();
                try {
                    // a job that reads the others waits until every other job ended
                    while (running[0] >= run.maxParallel() || (last && ended.size() < countNonReaders(run))) changed.await();
                    running[0]++;
                } finally {
                    lock.unlock();
                }
                double costPart = cost.allocate(next);
                double timePart = time.allocate(next);
                Instant now = clock.instant();
                Instant deadline = min(min(now.plusMillis((long) timePart), run.deadline()), now.plus(run.jobWaitTimeout()));
                BigDecimal limit = BigDecimal.valueOf(costPart).setScale(6, RoundingMode.DOWN);
                JobSlot slot = new JobSlot(next, jobId(next), run.jobs().get(next), limit, deadline, Map.copyOf(ended));
                threads.add(Thread.ofVirtual().name("baton-coordinator-" + rid + "-" + slot.jobId()).start(() -> {
                    JobResult r;
                    try {
                        r = runOne(run, slot);
                    } catch (RuntimeException e) {
                        // the slot must be freed whatever happens, or the jobs queued behind it wait forever
                        r = JobRunner.broken(slot, e, clock.instant());
                    }
                    results[slot.index()] = r;
                    cost.settle(costPart, r.costUsd().doubleValue());
                    time.settle(timePart, r.duration().toMillis());
                    lock.lock();
                    try {
                        ended.put(slot.jobId(), r);
                        running[0]--;
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }));
            }
            for (Thread t : threads) t.join();
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            Thread.currentThread().interrupt();
        }
        List<JobResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(results[i] != null ? results[i] : JobRunner.notStarted(jobId(i), run.jobs().get(i), clock.instant()));
        }
        return out;
    }

    private JobResult runOne(Run run, JobSlot slot) {
        String rid = run.request().id();
        run.listener().onEvent(new CoordinatorEvent.JobChanged(rid, clock.instant(), slot.jobId(), slot.job().tool(), JobState.RUNNING, null));
        JobResult r;
        try (var scope = budgets.openRun(DefaultCoordinator.jobRunId(rid, slot.jobId()), rid, slot.costLimit(), null)) {
            DefaultJobContext context = run.contexts().apply(slot);
            r = new JobRunner(clock, STOP_GRACE).run(run.tools().get(slot.job().tool()), context, slot);
        }
        run.listener().onEvent(new CoordinatorEvent.JobChanged(rid, clock.instant(), slot.jobId(), slot.job().tool(), r.state(), r));
        return r;
    }

    private static int countNonReaders(Run run) {
        int c = 0;
        for (PlannedJob j : run.jobs()) if (!run.tools().get(j.tool()).readsOtherJobs()) c++;
        return c;
    }

    private static double[] weights(List<PlannedJob> jobs, boolean cost) {
        double[] w = new double[jobs.size()];
        for (int i = 0; i < w.length; i++) w[i] = cost ? jobs.get(i).costShare() : jobs.get(i).timeShare();
        return w;
    }

    static String jobId(int index) {
        return "job-" + (index + 1);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
