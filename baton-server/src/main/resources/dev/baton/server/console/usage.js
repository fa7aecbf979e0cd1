// Usage from the ledger: cost and tokens over time stacked by profile, provider, model or API key;
// and by profile, provider, model or API key — cost, tokens
// (stacked by kind), latency and time-to-first-token percentiles, error rates; budgets with spend,
// what remains and when they reset. ECharts draws; the table under the charts has every figure.
import * as echarts from './vendor/echarts/echarts.esm.min.js';
import { get } from './api.js';
import { clear, errorBox, h, ms, palette, usd, when } from './util.js';

const DIMENSIONS = [['model', 'Model'], ['profile', 'Profile'], ['provider', 'Provider'], ['api_key', 'API key']];
const WINDOWS = ['1h', '24h', '7d', '30d'];
const BUCKETS = { '1h': '5m', '24h': '1h', '7d': '6h', '30d': '1d' };

/** Points (bucket, key) into one row per key over every bucket of the window, for stacked bars. */
function stacked(points, bucketMs, since) {
  const last = points.reduce((m, pt) => Math.max(m, new Date(pt.bucket_start).getTime()), since);
  const times = [];
  for (let t = since; t <= Math.max(last, Date.now() - bucketMs); t += bucketMs) times.push(t);
  const stacks = new Map();
  for (const pt of points) {
    const key = pt.key ?? '(none)';
    if (!stacks.has(key)) stacks.set(key, new Array(times.length).fill(null));
    const i = Math.round((new Date(pt.bucket_start).getTime() - since) / bucketMs);
    if (i >= 0 && i < times.length) stacks.get(key)[i] = { ...pt, tokens: pt.input_tokens + pt.output_tokens };
  }
  return { times, stacks };
}

export async function usageView(main) {
  const by = h('select', { id: 'usage-by' }, DIMENSIONS.map(([v, l]) => h('option', { value: v }, l)));
  const since = h('select', { id: 'usage-since' }, WINDOWS.map((w) => h('option', { value: w, selected: w === '24h' }, 'last ' + w)));
  const charts = h('div', { class: 'grid2' });
  const table = h('div', { id: 'usage-table' });
  const budgets = h('div', { id: 'budgets' });
  main.append(h('h1', {}, 'Usage'), h('div', { class: 'toolbar' },
    h('div', { class: 'field' }, h('label', { for: 'usage-by' }, 'Group by'), by),
    h('div', { class: 'field' }, h('label', { for: 'usage-since' }, 'Window'), since)),
  charts, h('h2', {}, 'Figures'), table, h('h2', {}, 'Budgets'), budgets);
  let instances = [];
  const chart = (id, title) => {
    const el = h('div', { class: 'chart', id, role: 'img', 'aria-label': title });
    charts.append(h('section', { class: 'panel' }, h('h2', {}, title), el));
    const c = echarts.init(el);
    instances.push(c);
    return c;
  };
  const draw = async () => {
    instances.forEach((c) => c.dispose());
    instances = [];
    clear(charts); clear(table);
    const p = palette();
    const base = { animation: false, textStyle: { color: p.fg }, tooltip: { trigger: 'axis' }, legend: { textStyle: { color: p.fg } },
      grid: { left: 70, right: 16, top: 40, bottom: 60 } };
    const axis = (data) => ({ type: 'category', data, axisLabel: { color: p.fg, rotate: data.length > 4 ? 30 : 0 } });
    const value = (fmt) => ({ type: 'value', axisLabel: { color: p.muted, formatter: fmt }, splitLine: { lineStyle: { color: p.border } } });
    try {
      const bucket = BUCKETS[since.value];
      const [series, groups] = await Promise.all([get(`/usage/timeseries?by=${by.value}&bucket=${bucket}&since=${since.value}`),
        get(`/stats?by=${by.value}&since=${since.value}`)]);
      const { times, stacks } = stacked(series.points, series.bucket_seconds * 1000, new Date(series.since).getTime());
      const overTime = (id, title, field, fmt) => chart(id, title).setOption({ ...base,
        xAxis: { ...axis(times.map((t) => new Date(t).toLocaleString([], { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }))),
          axisLabel: { color: p.fg, hideOverlap: true } },
        yAxis: value(fmt), dataZoom: times.length > 48 ? [{ type: 'inside' }, { type: 'slider', height: 14, bottom: 4 }] : [],
        series: [...stacks.keys()].map((k) => ({ name: k, type: 'bar', stack: field, data: stacks.get(k).map((pt) => (pt ? Number(pt[field] || 0) : 0)) })) });
      overTime('chart-cost-time', `Cost over time by ${by.value}`, 'cost_usd', (v) => '$' + v);
      overTime('chart-tokens-time', `Tokens over time by ${by.value}`, 'tokens');
      const fallbacks = series.points.reduce((s, pt) => s + pt.fallbacks, 0);
      const calls = series.points.reduce((s, pt) => s + pt.calls, 0);
      const rows = groups.rows;
      const keys = rows.map((r) => r.key ?? '(none)');
      chart('chart-tokens', 'Tokens by ' + by.value).setOption({ ...base, xAxis: axis(keys), yAxis: value(),
        series: [['input_tokens', 'input'], ['cached_input_tokens', 'cached input'], ['output_tokens', 'output'], ['reasoning_tokens', 'reasoning']]
          .map(([f, n]) => ({ name: n, type: 'bar', stack: 'tokens', data: rows.map((r) => r[f] || 0) })) });
      chart('chart-cost', 'Cost by ' + by.value).setOption({ ...base, xAxis: axis(keys), yAxis: value((v) => '$' + v),
        series: [{ name: 'cost (USD)', type: 'bar', data: rows.map((r) => Number(r.cost_usd || 0)) }] });
      chart('chart-latency', 'Latency and time to first token').setOption({ ...base, xAxis: axis(keys), yAxis: value((v) => v + ' ms'),
        series: [['p50_latency_ms', 'latency p50'], ['p95_latency_ms', 'latency p95'], ['p50_ttft_ms', 'TTFT p50'], ['p95_ttft_ms', 'TTFT p95']]
          .map(([f, n]) => ({ name: n, type: 'bar', data: rows.map((r) => r[f]) })) });
      chart('chart-errors', `Error rate (fallbacks: ${calls ? Math.round((1000 * fallbacks) / calls) / 10 : 0} % of ${calls} calls)`).setOption({ ...base, xAxis: axis(keys), yAxis: value((v) => v + ' %'),
        series: [{ name: 'errors', type: 'bar', itemStyle: { color: p.failed },
          data: rows.map((r) => (r.calls ? Math.round((1000 * r.errors) / r.calls) / 10 : 0)) }] });
      table.append(h('table', {}, h('thead', {}, h('tr', {}, [by.value, 'Calls', 'Errors', 'Input', 'Output', 'Cost', 'Latency p50/p95', 'TTFT p50/p95']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map((r, i) => h('tr', {}, h('th', { scope: 'row' }, keys[i]), h('td', { class: 'num' }, r.calls), h('td', { class: 'num' }, r.errors),
        h('td', { class: 'num' }, r.input_tokens), h('td', { class: 'num' }, r.output_tokens), h('td', { class: 'num' }, usd(r.cost_usd)),
        h('td', { class: 'num' }, `${ms(r.p50_latency_ms)} / ${ms(r.p95_latency_ms)}`), h('td', { class: 'num' }, `${ms(r.p50_ttft_ms)} / ${ms(r.p95_ttft_ms)}`))))));
      if (rows.length === 0) table.append(h('p', { class: 'muted' }, 'No model calls in this window.'));
    } catch (e) {
      table.append(errorBox(e));
    }
  };
  by.addEventListener('change', draw);
  since.addEventListener('change', draw);
  await draw();
  try {
    const list = (await get('/budgets')).budgets;
    budgets.append(list.length === 0 ? h('p', { class: 'muted' }, 'No budgets are configured.') : h('table', {},
      h('thead', {}, h('tr', {}, ['Scope', 'Key', 'Period', 'Limit', 'Spent', 'Remaining', 'Used', 'Resets'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map((b) => h('tr', {}, h('td', {}, b.scope), h('td', {}, b.key || ''), h('td', {}, b.period),
        h('td', { class: 'num' }, usd(b.limit_usd)), h('td', { class: 'num' }, usd(b.spent_usd)), h('td', { class: 'num' }, usd(b.remaining_usd)),
        h('td', {}, b.limit_usd ? h('meter', { min: 0, max: Number(b.limit_usd), value: Number(b.spent_usd || 0),
          'aria-label': `${b.scope} budget used` }) : ''),
        h('td', {}, b.resets_at ? when(b.resets_at) : 'never'))))));
  } catch (e) {
    budgets.append(errorBox(e));
  }
  const onResize = () => instances.forEach((c) => c.resize());
  window.addEventListener('resize', onResize);
  return { stop: () => { window.removeEventListener('resize', onResize); instances.forEach((c) => c.dispose()); } };
}
