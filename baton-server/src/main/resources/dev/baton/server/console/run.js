// One run: its graph (live over the run's events), timeline, the chosen agent's output, tool
// calls, tokens, cost and model, the deliverable; cancel while it runs.
import { followEvents, get, post } from './api.js';
import { drawGraph } from './graph.js';
import { createTimeline } from './timeline.js';
import { renderOutput } from './output.js';
import { clear, errorBox, h, ms, statusBadge, tokens, usd, when } from './util.js';

const TERMINAL = new Set(['completed', 'failed', 'skipped', 'cancelled']);

export async function runView(main, runId) {
  let run = await get('/runs/' + encodeURIComponent(runId));
  const ensemble = await get('/ensembles/' + encodeURIComponent(run.ensemble)).catch(() => ({ agents: [] }));
  let agents = (ensemble.agents || []).map((a) => ({ name: a.name, depends_on: a.depends_on || [], fan_out: a.fan_out }));
  const times = {};
  let result = null;
  let runStart = new Date(run.created_at).getTime();

  const statusEl = h('span', { id: 'run-status' }, statusBadge(run.status));
  const cancelBtn = h('button', { type: 'button', class: 'danger', id: 'cancel-run', disabled: run.status !== 'running' }, 'Cancel run');
  const summary = h('div', { class: 'cards', id: 'run-summary' });
  const graphEl = h('div', { class: 'graph', id: 'run-graph' });
  const agentPanel = h('section', { class: 'panel', id: 'agent-panel', 'aria-label': 'chosen agent' },
    h('p', { class: 'muted' }, 'Choose an agent in the graph, the timeline or its table.'));
  const deliverable = h('section', { id: 'deliverable' });
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const graphTab = h('div', { id: 'tab-graph', role: 'tabpanel' }, graphEl,
    h('div', { class: 'legend' }, ['pending', 'running', 'completed', 'failed', 'skipped', 'cancelled']
      .map((s) => h('span', {}, h('i', { class: 'status ' + s }), s))));
  const agentList = h('ul', { id: 'agent-list', class: 'agent-list' });
  graphTab.append(h('details', {}, h('summary', {}, 'Agents as a list'), agentList));
  const timelineTab = h('div', { id: 'tab-timeline', role: 'tabpanel', hidden: true });
  main.append(
    h('h1', {}, 'Run ', h('code', {}, runId.slice(0, 12)), ' of ', h('a', { href: '#/ensembles/' + encodeURIComponent(run.ensemble) }, run.ensemble), ' ', statusEl),
    h('div', { class: 'toolbar' }, cancelBtn, h('a', { href: '#/runs' }, 'All runs')),
    summary, tabs,
    h('div', { class: 'grid2' }, h('div', {}, graphTab, timelineTab), agentPanel),
    deliverable);

  const graph = drawGraph(graphEl, agents, (name) => choose(name));
  const items = new Map();
  for (const a of agents) {
    const badge = statusBadge('pending');
    const li = h('li', { dataset: { agent: a.name, state: 'pending' } },
      h('button', { type: 'button', onclick: () => choose(a.name) }, a.name), ' ', badge);
    items.set(a.name, { li, badge });
    agentList.append(li);
  }
  const setState = (name, state) => {
    graph.setState(name, state);
    const it = items.get(name);
    if (it && it.li.dataset.state !== state) {
      it.li.dataset.state = state;
      it.badge.className = 'status ' + state;
      it.badge.textContent = state;
    }
  };
  const timeline = createTimeline(timelineTab, (name) => name && choose(name));
  let shown = 'graph';
  for (const [id, label] of [['graph', 'Graph'], ['timeline', 'Timeline']]) {
    tabs.append(h('button', { type: 'button', role: 'tab', id: 'show-' + id, 'aria-selected': String(id === shown), 'aria-controls': 'tab-' + id,
      onclick: (ev) => {
        shown = id;
        for (const b of tabs.children) b.setAttribute('aria-selected', String(b === ev.currentTarget));
        graphTab.hidden = id !== 'graph';
        timelineTab.hidden = id !== 'timeline';
        if (id === 'timeline') drawTimeline(); else graph.cy.resize();
      } }, label));
  }

  function drawTimeline() {
    if (shown !== 'timeline') return;
    timeline.render(runStart, agents, times, result ? new Date(result.finished_at).getTime() : Date.now());
  }

  function showSummary() {
    clear(summary);
    const t = run.totals;
    const card = (label, value) => h('div', { class: 'card' }, h('span', { class: 'muted' }, label), h('b', {}, value));
    summary.append(card('Started', when(run.created_at)),
      card('Duration', ms(run.duration_ms ?? (Date.now() - runStart))),
      card('Tokens', t ? tokens(t) : '…'), card('Cost', t ? usd(t.cost_usd) : '…'),
      card('Agents', t ? `${t.completed} done, ${t.failed} failed, ${t.skipped} skipped, ${t.cancelled} cancelled` : String(agents.length)));
  }

  function choose(name) {
    graph.select(name);
    clear(agentPanel);
    const a = result && result.agents ? result.agents[name] : null;
    const t = times[name] || {};
    agentPanel.append(h('h2', { id: 'agent-name' }, name, ' ', statusBadge(a ? a.status : graph.state(name))));
    if (!a) {
      agentPanel.append(h('p', { class: 'muted' }, TERMINAL.has(graph.state(name)) ? 'Its output is read once the run completes.' : 'Not finished yet.'));
      return;
    }
    const dl = h('dl', { class: 'kv' });
    const row = (k, v) => { if (v !== null && v !== undefined && v !== '') dl.append(h('dt', {}, k), h('dd', {}, v)); };
    row('Model', a.model); row('Profile', a.profile); row('Duration', ms(a.duration_ms)); row('Attempts', a.attempts > 1 ? a.attempts : null);
    row('Tokens', a.usage ? `${a.usage.input_tokens} in, ${a.usage.output_tokens} out` : null); row('Cost', usd(a.cost_usd));
    row('Fallbacks', (a.fallbacks || []).map((f) => `${f.profile || f.model}: ${f.code || ''} ${f.message || ''}`).join('; ') || null);
    row('Skipped because', a.skip_reason); row('Error', a.error ? `${a.error.code}: ${a.error.message}` : null);
    agentPanel.append(dl);
    if (a.tool_calls && a.tool_calls.length) {
      agentPanel.append(h('h3', {}, 'Tool calls'), h('ul', { id: 'tool-calls' }, a.tool_calls.map((c) =>
        h('li', {}, `${c.tool} — ${c.outcome || ''} ${c.duration_ms !== undefined ? ms(c.duration_ms) : ''}`))));
    }
    if (a.instances && a.instances.length) {
      agentPanel.append(h('h3', {}, `Instances (${a.instances.length})`), h('ol', {}, a.instances.map((i) =>
        h('li', {}, statusBadge(i.status), ' ', renderOutput(i.output)))));
    }
    agentPanel.append(h('h3', {}, 'Output'), h('div', { class: 'output', id: 'agent-output' }, renderOutput(a.output)));
    if (t.started && !t.finished) agentPanel.append(h('p', { class: 'muted' }, 'running…'));
  }

  async function loadResult() {
    try {
      result = await get('/runs/' + encodeURIComponent(runId) + '/result');
    } catch (e) {
      deliverable.append(errorBox(e));
      return;
    }
    if (!result || !result.agents) return;
    runStart = new Date(result.started_at).getTime();
    if (result.graph && agents.length === 0) {
      agents = Object.entries(result.graph).map(([name, deps]) => ({ name, depends_on: deps }));
    }
    for (const [name, a] of Object.entries(result.agents)) {
      times[name] = { ...(times[name] || {}),
        started: a.started_at ? new Date(a.started_at).getTime() : times[name]?.started ?? null,
        finished: a.finished_at ? new Date(a.finished_at).getTime() : times[name]?.finished ?? null,
        status: a.status, attempts: a.attempts, fallbacks: a.fallbacks || [] };
      setState(name, a.status);
      if (a.instances && a.instances.length) graph.setInstances(name, a.instances.length);
    }
    clear(deliverable).append(h('h2', {}, 'Deliverable', result.deliverable ? ` (${result.deliverable})` : ''),
      h('div', { class: 'panel output', id: 'deliverable-output' },
        renderOutput(result.deliverable && result.agents[result.deliverable] ? result.agents[result.deliverable].output : null)));
    drawTimeline();
  }

  cancelBtn.addEventListener('click', async () => {
    cancelBtn.disabled = true;
    try { run = await post('/runs/' + encodeURIComponent(runId) + '/cancel'); } catch (e) { main.append(errorBox(e)); }
  });

  showSummary();
  let redraw = null;
  const events = followEvents(runId, (e) => {
    const at = new Date(e.at).getTime();
    switch (e.type) {
      case 'run_started': runStart = at; break;
      case 'agent_started':
        times[e.agent] = { ...(times[e.agent] || {}), started: at, status: 'running' };
        setState(e.agent, 'running');
        break;
      case 'agent_completed': case 'agent_failed': case 'agent_skipped': case 'agent_cancelled':
        times[e.agent] = { ...(times[e.agent] || {}), finished: at, status: e.status,
          started: times[e.agent]?.started ?? (e.status === 'skipped' ? null : at - (e.duration_ms || 0)) };
        setState(e.agent, e.status);
        break;
      case 'run_completed':
        run = { ...run, status: e.status, duration_ms: e.duration_ms, totals: { ...e.totals } };
        clear(statusEl).append(statusBadge(e.status));
        cancelBtn.disabled = true;
        break;
      default: break;
    }
    // redrawn at most every 250 ms (every second past 200 agents), however fast events come
    if (!redraw) redraw = setTimeout(() => { redraw = null; drawTimeline(); showSummary(); }, agents.length > 200 ? 1000 : 250);
  }, async () => {
    run = await get('/runs/' + encodeURIComponent(runId)).catch(() => run);
    clear(statusEl).append(statusBadge(run.status));
    cancelBtn.disabled = run.status !== 'running';
    showSummary();
    await loadResult();
  });
  return { stop: () => { events.stop(); timeline.dispose(); graph.cy.destroy(); } };
}
