// The run's Gantt chart: ECharts draws the spans computed by spans.js — per agent a grey wait bar
// and a run bar in its state's colour; critical-path bars outlined, retries (↻N) and fallbacks
// (⇄) marked. A table beside it gives the same figures to keyboards and screen readers.
import * as echarts from './vendor/echarts/echarts.esm.min.js';
import { computeSpans } from './spans.js';
import { clear, h, ms, palette } from './util.js';

export function createTimeline(container, onSelect) {
  const chartEl = h('div', { class: 'chart timeline', id: 'timeline-chart', role: 'img', 'aria-label': 'timeline of the run' });
  const table = h('table', { id: 'timeline-table' });
  const details = h('details', {}, h('summary', {}, 'Timeline as a table'), table);
  container.append(chartEl, details);
  let chart = null;
  let lastRows = null;
  let lastStart = 0;
  // the table is built when opened (a 1,000-row table rebuilt on every event would slow the page)
  details.addEventListener('toggle', () => { if (details.open && lastRows) renderTable(lastRows, lastStart); });

  function render(runStart, agents, times, now) {
    const t0 = performance.now();
    const p = palette();
    const { rows, critical, end } = computeSpans(runStart, agents, times, now);
    const height = Math.max(240, Math.min(640, rows.length * 20 + 80));
    chartEl.style.height = height + 'px';
    if (!chart) {
      chart = echarts.init(chartEl, null, { renderer: 'canvas' });
      chart.on('click', (ev) => onSelect && onSelect(rows[ev.value[0]] ? rows[ev.value[0]].name : null));
    } else {
      chart.resize();
    }
    const data = [];
    rows.forEach((r, i) => {
      if (r.started !== null && r.started > r.ready) {
        data.push({ value: [i, r.ready - runStart, r.started - runStart, 'wait', r.name], itemStyle: { color: p.wait } });
      }
      if (r.started !== null) {
        const marks = (r.attempts > 1 ? ` ↻${r.attempts}` : '') + (r.fallbacks.length ? ' ⇄' : '');
        data.push({ value: [i, r.started - runStart, r.end - runStart, 'run', r.name, marks],
          itemStyle: { color: p[r.status] || p.running, borderColor: r.critical ? p.critical : 'transparent', borderWidth: r.critical ? 2 : 0 } });
      }
    });
    const many = rows.length > 30;
    chart.setOption({
      animation: false,
      textStyle: { color: p.fg },
      grid: { left: 140, right: 24, top: 10, bottom: 30 },
      tooltip: { formatter: (it) => `${it.value[4]} — ${it.value[3]}: ${ms(Math.round(it.value[2] - it.value[1]))}${it.value[5] || ''}` },
      xAxis: { type: 'value', min: 0, max: Math.max(1, end - runStart), // the whole run, whichever rows are scrolled to
         axisLabel: { color: p.muted, formatter: (v) => ms(v) }, splitLine: { lineStyle: { color: p.border } } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => (r.critical ? '★ ' : '') + r.name),
        axisLabel: { color: p.fg, width: 130, overflow: 'truncate' } },
      dataZoom: many ? [{ type: 'slider', yAxisIndex: 0, right: 0, width: 14, startValue: 0, endValue: 29 }, { type: 'inside', yAxisIndex: 0 }] : [],
      series: [{
        type: 'custom', encode: { x: [1, 2], y: 0 }, data,
        renderItem: (params, api) => {
          const row = api.value(0);
          const a = api.coord([api.value(1), row]);
          const b = api.coord([api.value(2), row]);
          const bandH = api.size([0, 1])[1] * 0.6;
          const shape = echarts.graphic.clipRectByRect({ x: a[0], y: a[1] - bandH / 2, width: Math.max(2, b[0] - a[0]), height: bandH },
            { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
          if (!shape) return null;
          const mark = api.value(5);
          return { type: 'group', children: [
            { type: 'rect', shape, style: api.style() },
            mark ? { type: 'text', style: { text: mark, x: shape.x + shape.width + 3, y: shape.y, fill: p.fg, fontSize: 11 } } : null,
          ].filter(Boolean) };
        },
      }],
    }, { replaceMerge: ['series', 'dataZoom'] });
    chartEl.dataset.renderMs = String(Math.round(performance.now() - t0));
    chartEl.dataset.bars = String(data.filter((d) => d.value[3] === 'run').length);
    chartEl.dataset.agents = String(rows.length);
    chartEl.dataset.critical = [...critical].join(',');
    lastRows = rows;
    lastStart = runStart;
    if (details.open) renderTable(rows, runStart);
  }

  function renderTable(rows, runStart) {
    clear(table).append(h('thead', {}, h('tr', {}, ['Agent', 'Waited', 'Started', 'Ran', 'State', 'Critical path', 'Retries / fallbacks']
      .map((t) => h('th', { scope: 'col' }, t)))));
    const body = h('tbody');
    for (const r of rows) {
      body.append(h('tr', { dataset: { agent: r.name, started: r.started !== null ? 'yes' : 'no' } },
        h('th', { scope: 'row' }, h('button', { type: 'button', onclick: () => onSelect && onSelect(r.name) }, r.name)),
        h('td', { class: 'num' }, r.started !== null ? ms(r.started - r.ready) : ''),
        h('td', { class: 'num' }, r.started !== null ? '+' + ms(r.started - runStart) : ''),
        h('td', { class: 'num' }, r.end !== null ? ms(r.end - r.started) : ''),
        h('td', {}, r.status), h('td', {}, r.critical ? 'yes' : ''),
        h('td', {}, (r.attempts > 1 ? `${r.attempts} attempts ` : '') + r.fallbacks.map((f) => `fell back from ${f.profile || f.model}`).join(', '))));
    }
    table.append(body);
  }

  return { render, dispose: () => chart && chart.dispose() };
}
