// The timeline's figures, computed from a run's agents (no drawing here): each agent's wait span
// (from when its dependencies had all finished, or the run started, to when it started) and run
// span (start to finish, or to now while it runs), and the critical path — the chain of agents,
// each the last-finishing dependency of the next, that ends with the agent finishing last.

/**
 * @param runStart  epoch ms the run started
 * @param agents    [{name, depends_on}] in the ensemble's order
 * @param times     {name: {started, finished, status, attempts, fallbacks}} (epoch ms; missing: not yet)
 * @param now       epoch ms, for spans still open
 * @return {rows: [{name, ready, started, finished, open, status, attempts, fallbacks, critical}], end, critical: Set}
 */
export function computeSpans(runStart, agents, times, now) {
  const byName = new Map(agents.map((a) => [a.name, a]));
  const rows = [];
  for (const a of agents) {
    const t = times[a.name] || {};
    const deps = (a.depends_on || []).filter((d) => byName.has(d));
    let ready = runStart;
    for (const d of deps) {
      const f = times[d] && times[d].finished;
      if (f !== undefined && f !== null && f > ready) ready = f;
    }
    const started = t.started ?? null;
    const finished = t.finished ?? null;
    rows.push({
      name: a.name, deps,
      ready: started !== null ? Math.min(ready, started) : ready,
      started, finished,
      open: started !== null && finished === null,
      end: finished ?? (started !== null ? now : null),
      status: t.status || (started !== null ? 'running' : 'pending'),
      attempts: t.attempts || 1, fallbacks: t.fallbacks || [], critical: false,
    });
  }
  const index = new Map(rows.map((r) => [r.name, r]));
  // the critical path: walk back from the last to finish through the last-finishing dependency
  const critical = new Set();
  let last = null;
  for (const r of rows) if (r.end !== null && (last === null || r.end > last.end)) last = r;
  for (let r = last; r; ) {
    critical.add(r.name);
    r.critical = true;
    let prev = null;
    for (const d of r.deps) {
      const dr = index.get(d);
      if (dr && dr.end !== null && !critical.has(d) && (prev === null || dr.end > prev.end)) prev = dr;
    }
    r = prev;
  }
  const end = rows.reduce((m, r) => Math.max(m, r.end ?? runStart), runStart);
  return { rows, end, critical };
}
