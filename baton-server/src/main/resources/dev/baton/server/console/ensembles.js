// Ensembles: the list with descriptions; a page per ensemble with its graph, its YAML (edited and
// validated by the server — problems shown at their line — before it is saved), its recent runs
// and their figures.
import { get, put } from './api.js';
import { fileEditor } from './editor.js';
import { drawGraph } from './graph.js';
import { h, ms, statusBadge, usd, when } from './util.js';

export async function ensemblesView(main) {
  const list = (await get('/ensembles')).ensembles;
  main.append(h('h1', {}, 'Ensembles'), h('table', { id: 'ensembles' },
    h('thead', {}, h('tr', {}, ['Name', 'Description', 'Agents', 'Tier', 'Problems'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((e) => h('tr', {},
      h('td', {}, h('a', { href: '#/ensembles/' + encodeURIComponent(e.name) }, e.name)),
      h('td', {}, e.description || e.error || ''), h('td', { class: 'num' }, e.agents), h('td', {}, e.tier),
      h('td', { class: e.problems ? 'error' : '' }, e.problems ? String(e.problems) : ''))))));
}

export async function ensembleView(main, name) {
  const e = await get('/ensembles/' + encodeURIComponent(name));
  main.append(h('h1', {}, 'Ensemble ', h('code', {}, name)),
    h('p', {}, e.description || '', ' ', h('span', { class: 'muted' }, `${e.file} (${e.tier})`)),
    h('p', {}, h('a', { href: '#/runs?ensemble=' + encodeURIComponent(name) }, 'Start a run of it')));
  const metrics = h('div', { class: 'cards', id: 'ensemble-metrics' });
  const graphEl = h('div', { class: 'graph', id: 'ensemble-graph' });
  main.append(metrics, h('h2', {}, 'Graph'), graphEl);
  const graph = drawGraph(graphEl, (e.agents || []).map((a) => ({ name: a.name, depends_on: a.depends_on || [], fan_out: a.fan_out })), null);
  main.append(h('h2', {}, 'YAML'), fileEditor({ id: 'yaml', label: `YAML of ${name}`, text: e.yaml, problems: e.problems || [], checkLabel: 'Validate',
    send: (yaml, dryRun) => put('/ensembles/' + encodeURIComponent(name), { yaml, dry_run: dryRun }) }));
  const runs = h('div', { id: 'ensemble-runs' });
  main.append(h('h2', {}, 'Recent runs'), runs);
  await recentRuns(name, runs, metrics);
  return { stop: () => graph.cy.destroy() };
}

async function recentRuns(name, el, metrics) {
  const q = encodeURIComponent(name);
  const [live, recorded] = await Promise.all([get('/runs?limit=50&ensemble=' + q), get('/artifacts?limit=50&ensemble=' + q).catch(() => ({ runs: [] }))]);
  const rows = recorded.runs;
  const finished = rows.filter((r) => r.status !== 'running');
  const ok = finished.filter((r) => r.status === 'completed').length;
  const avg = (f) => finished.length ? finished.reduce((s, r) => s + Number(f(r) || 0), 0) / finished.length : null;
  const card = (label, value) => h('div', { class: 'card' }, h('span', { class: 'muted' }, label), h('b', {}, value));
  metrics.append(card('Recorded runs', String(rows.length)),
    card('Success rate', finished.length ? Math.round((100 * ok) / finished.length) + ' %' : '—'),
    card('Average duration', finished.length ? ms(Math.round(avg((r) => r.duration_ms))) : '—'),
    card('Average cost', finished.length ? usd(avg((r) => r.cost_usd)) : '—'));
  el.append(h('table', {},
    h('thead', {}, h('tr', {}, ['Status', 'Started', 'Duration', 'Tokens', 'Cost', 'Run'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {},
      live.runs.filter((r) => r.status === 'running').map((r) => h('tr', {}, h('td', {}, statusBadge(r.status)), h('td', {}, when(r.created_at)),
        h('td', {}), h('td', {}), h('td', {}), h('td', {}, h('a', { href: '#/runs/' + encodeURIComponent(r.run_id) }, r.run_id.slice(0, 12))))),
      rows.map((r) => h('tr', {}, h('td', {}, statusBadge(r.status)), h('td', {}, when(r.started_at)), h('td', { class: 'num' }, ms(r.duration_ms)),
        h('td', { class: 'num' }, (r.total_tokens || 0).toLocaleString()), h('td', { class: 'num' }, usd(r.cost_usd)),
        h('td', {}, live.runs.some((l) => l.run_id === r.run_id)
          ? h('a', { href: '#/runs/' + encodeURIComponent(r.run_id) }, r.run_id.slice(0, 12)) : h('code', {}, r.execution)))))));
}
