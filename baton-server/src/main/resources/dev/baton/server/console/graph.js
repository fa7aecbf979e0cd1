// An ensemble's dependency graph: Cytoscape.js draws it, the dagre layout places it (left to
// right; past 300 agents Cytoscape's breadth-first layout); nodes take the colour of their agent's state. Fan-out agents are one node, labelled
// with how many instances they ran.
import cytoscape from './vendor/cytoscape/cytoscape.esm.min.mjs';
import dagre from './vendor/cytoscape-dagre/cytoscape-dagre.min.mjs';
import { palette } from './util.js';

cytoscape.use(dagre);

const STATES = ['pending', 'running', 'completed', 'failed', 'skipped', 'cancelled'];

/**
 * Draws agents ([{name, depends_on, fan_out, kind}]) in container; onSelect(name) when a node is
 * chosen (click, or Enter on the focused graph's keyboard list). Returns {setState, setInstances, select, cy}.
 */
export function drawGraph(container, agents, onSelect) {
  const p = palette();
  const names = new Set(agents.map((a) => a.name));
  const elements = [];
  for (const a of agents) {
    elements.push({ data: { id: a.name, label: a.name + (a.fan_out ? ' ⧉' : ''), state: 'pending' } });
  }
  for (const a of agents) {
    for (const d of a.depends_on || []) {
      if (names.has(d)) elements.push({ data: { id: d + '->' + a.name, source: d, target: a.name } });
    }
  }
  const big = agents.length > 200;
  const style = [
    { selector: 'node', style: {
      label: 'data(label)', 'text-valign': 'center', 'text-halign': 'center', color: p.bg, 'font-size': 11,
      shape: 'round-rectangle', width: 'label', height: 22, padding: '6px', 'background-color': p.pending,
      'text-outline-width': 0, 'min-zoomed-font-size': 6 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': p.critical } },
    { selector: 'edge', style: { width: 1.2, 'line-color': p.border, 'target-arrow-color': p.border,
      'target-arrow-shape': 'triangle', 'curve-style': big ? 'haystack' : 'bezier' } },
  ];
  for (const s of STATES) style.push({ selector: `node[state = "${s}"]`, style: { 'background-color': p[s] } });
  const t0 = performance.now();
  const cy = cytoscape({
    container, elements, style, wheelSensitivity: 0.3, maxZoom: 1.6, minZoom: 0.05, boxSelectionEnabled: false, autoungrabify: true,
    textureOnViewport: big, hideEdgesOnViewport: big,
    // dagre places a few hundred agents well; past that its layout takes seconds, so very large
    // graphs use Cytoscape's own breadth-first layout (ranks by dependency depth, linear time)
    layout: agents.length <= 300
      ? { name: 'dagre', rankDir: 'LR', nodeSep: 12, rankSep: 50, animate: false, fit: true, padding: 12 }
      : { name: 'breadthfirst', directed: true, spacingFactor: 0.6, animate: false, fit: true, padding: 12,
        transform: (node, pos) => ({ x: pos.y, y: pos.x }) }, // ranks left to right, as dagre draws them
  });
  container.dataset.layoutMs = String(Math.round(performance.now() - t0)); // layout and first paint, for the performance report
  container.dataset.nodes = String(cy.nodes().length);
  cy.on('tap', 'node', (ev) => onSelect && onSelect(ev.target.id()));
  // keyboard: the container is focusable; arrows walk the agents, Enter opens one
  container.tabIndex = 0;
  container.setAttribute('role', 'application');
  container.setAttribute('aria-label', `dependency graph of ${agents.length} agents; arrow keys choose an agent, Enter opens it`);
  let cursor = -1;
  container.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') cursor = Math.min(agents.length - 1, cursor + 1);
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') cursor = Math.max(0, cursor - 1);
    else if (ev.key === 'Enter' && cursor >= 0) { onSelect && onSelect(agents[cursor].name); return; }
    else return;
    ev.preventDefault();
    select(agents[cursor].name);
  });
  const pending = new Map();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    cy.batch(() => { for (const [name, state] of pending) cy.getElementById(name).data('state', state); });
    pending.clear();
  };
  function setState(name, state) {
    pending.set(name, state);
    // a big graph is repainted at most every 300 ms: each repaint draws every node
    if (!scheduled) { scheduled = true; if (big) setTimeout(flush, 300); else requestAnimationFrame(flush); }
  }
  function setInstances(name, n) {
    const node = cy.getElementById(name);
    if (node.nonempty()) node.data('label', `${name} ×${n}`);
  }
  function select(name) {
    cy.$(':selected').unselect();
    const node = cy.getElementById(name);
    node.select();
    container.setAttribute('aria-activedescendant', '');
    container.setAttribute('aria-label', `dependency graph; chosen: ${name} (${node.data('state')})`);
  }
  return { setState, setInstances, select, cy, state: (name) => cy.getElementById(name).data('state') };
}
