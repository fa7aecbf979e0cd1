// Small DOM and formatting helpers shared by the views.

/** An element: h('td', {class: 'num'}, '12') — children are nodes or text (never parsed as HTML). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

export function statusBadge(status) { return h('span', { class: 'status ' + (status || 'pending') }, status || 'pending'); }

export function ms(v) {
  if (v === null || v === undefined) return '';
  if (v < 1000) return v + ' ms';
  if (v < 60000) return (v / 1000).toFixed(1) + ' s';
  return Math.floor(v / 60000) + ' min ' + Math.round((v % 60000) / 1000) + ' s';
}

export function usd(v) {
  if (v === null || v === undefined) return '';
  const n = Number(v);
  return '$' + (n !== 0 && Math.abs(n) < 0.01 ? n.toFixed(6) : n.toFixed(4));
}

export function when(iso) { return iso ? new Date(iso).toLocaleString() : ''; }

export function tokens(t) {
  if (!t) return '';
  return ((t.input_tokens || 0) + (t.output_tokens || 0)).toLocaleString();
}

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e.code ? `${e.code}: ${e.message}` : String(e.message || e));
}

/** The current colours of the theme (charts and the graph read them, so they follow light and dark). */
export function palette() {
  const s = getComputedStyle(document.documentElement);
  const v = (n) => s.getPropertyValue('--' + n).trim();
  return { fg: v('fg'), muted: v('muted'), bg: v('bg'), border: v('border'), accent: v('accent'), wait: v('wait'),
    critical: v('critical'), pending: v('pending'), running: v('running'), completed: v('completed'), failed: v('failed'),
    skipped: v('skipped'), cancelled: v('cancelled') };
}
