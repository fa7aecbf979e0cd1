// Drives the web console in headless Chromium through the acceptance steps and prints one JSON
// document of what it saw; the JUnit test asserts on it. Env: PLAYWRIGHT (file URL of
// playwright-core), BASE (server URL), KEY (a key without limits), OUT (screenshots), PROFILE_DIR.
const { chromium } = await import(process.env.PLAYWRIGHT);
const BASE = process.env.BASE;
const OUT = process.env.OUT;
const result = { steps: [], requests: [], offHost: [], consoleErrors: [] };
const step = (name) => { result.steps.push(name); };

const context = await chromium.launchPersistentContext(process.env.PROFILE_DIR, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1366, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const origin = new URL(BASE).origin;
context.on('request', (r) => {
  const url = r.url();
  result.requests.push(r.method() + ' ' + url);
  if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) result.offHost.push(url);
});
const page = context.pages()[0] || await context.newPage();
page.on('console', (m) => { if (m.type() === 'error') result.consoleErrors.push(m.text()); });
page.on('pageerror', (e) => result.consoleErrors.push('pageerror: ' + e.message));
page.on('dialog', (d) => d.accept());
const api = async (method, path, body) => {
  const r = await fetch(BASE + '/api/v1' + path, { method, headers: { Authorization: 'Bearer ' + process.env.KEY, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: await r.json().catch(() => null) };
};

try {
  // 1. the server's address opens the console, which asks for a key
  await page.goto(BASE + '/');
  result.landed = page.url();
  await page.locator('#login').waitFor({ state: 'visible' });
  await page.fill('#login-key', process.env.KEY);
  await page.click('#login-form button[type=submit]');
  await page.locator('#start-run').waitFor();
  step('signed in');

  // 2. start a run of the library's code-review through the form; watch a node change state live
  await page.selectOption('#start-ensemble', 'code-review');
  await page.fill('#start-input', 'String q = "SELECT * FROM t WHERE id=" + id;');
  await page.evaluate(() => { window.__sameDocument = true; });
  await page.click('#start-run button[type=submit]');
  await page.waitForURL(/#\/runs\/[^/]+$/);
  result.runId = decodeURIComponent(page.url().split('#/runs/')[1]);
  const seen = [];
  const synth = page.locator('#agent-list li[data-agent="synthesis"]');
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    const s = await synth.getAttribute('data-state');
    if (seen[seen.length - 1] !== s) seen.push(s);
    if (s === 'completed' || s === 'failed') break;
    await page.waitForTimeout(50);
  }
  result.synthesisStates = seen;
  result.sameDocument = await page.evaluate(() => window.__sameDocument === true);
  await page.locator('#run-status .status.completed').waitFor({ timeout: 60000 });
  result.agentStates = await page.$$eval('#agent-list li', (lis) => Object.fromEntries(lis.map((l) => [l.dataset.agent, l.dataset.state])));
  await page.locator('#deliverable-output').waitFor();
  result.deliverable = await page.textContent('#deliverable-output');
  await page.screenshot({ path: OUT + '/console-run.png', fullPage: true });
  step('run watched');

  // 3. the timeline: one run bar per agent
  await page.click('#show-timeline');
  await page.waitForFunction(() => document.querySelector('#timeline-chart')?.dataset.bars === '4');
  result.timeline = await page.$eval('#timeline-chart', (el) => ({ bars: Number(el.dataset.bars), agents: Number(el.dataset.agents), critical: el.dataset.critical }));
  await page.click('#tab-timeline details summary'); // the timeline's table, as a keyboard user opens it
  await page.locator('#timeline-table tbody tr').first().waitFor();
  result.timelineRows = await page.$$eval('#timeline-table tbody tr', (rows) => rows.map((r) => ({ agent: r.dataset.agent, started: r.dataset.started })));
  await page.locator('#tab-timeline').screenshot({ path: OUT + '/console-timeline.png' });
  step('timeline');

  // 4. an agent's output (Markdown rendered)
  await page.click('#timeline-table tbody tr[data-agent="security"] button');
  await page.locator('#agent-output').waitFor();
  result.agentOutputText = await page.textContent('#agent-output');
  result.agentOutputHasStrong = await page.locator('#agent-output strong').count();
  result.agentModel = await page.textContent('#agent-panel dl');
  step('agent output');

  // 5. cancel a second run
  await page.goto(BASE + '/console/#/runs');
  await page.locator('#start-run').waitFor();
  await page.selectOption('#start-ensemble', 'slow');
  await page.click('#start-run button[type=submit]');
  await page.waitForURL(/#\/runs\/[^/]+$/);
  await page.locator('#agent-list li[data-agent="nap"][data-state="running"]').waitFor({ state: 'attached', timeout: 30000 });
  await page.click('#cancel-run');
  await page.locator('#run-status .status.cancelled').waitFor({ timeout: 30000 });
  result.cancelled = await page.textContent('#run-status');
  step('cancelled');

  // 6. create a key (its secret shown once), then revoke it
  await page.goto(BASE + '/console/#/admin');
  await page.locator('#create-key').waitFor();
  await page.fill('#key-name', 'made-in-console');
  await page.click('#create-key button[type=submit]');
  await page.locator('#key-secret').waitFor();
  const secret = (await page.textContent('#key-secret')).trim();
  result.secretLooksLikeKey = /^bk_/.test(secret);
  const probe = async () => (await fetch(BASE + '/api/v1/profiles', { headers: { Authorization: 'Bearer ' + secret } })).status;
  result.newKeyWorks = await probe();
  await page.click('#key-list tr[data-name="made-in-console"] button');
  await page.locator('#key-list tr[data-name="made-in-console"]').waitFor({ state: 'detached' });
  result.revokedKeyStatus = await probe();
  step('key created and revoked');

  // 7. approve a pending tool call
  const writer = await api('POST', '/runs', { ensemble: 'writer', input: 'write a note' });
  await page.locator('#approvals tr[data-approval]').waitFor({ timeout: 30000 });
  await page.click('#approvals tr[data-approval] button.primary');
  await page.locator('#approvals tr[data-approval]').waitFor({ state: 'detached', timeout: 30000 });
  const writerResult = await api('GET', `/runs/${writer.body.run_id}/result?wait=30`);
  result.approvedRun = { status: writerResult.body.status, output: writerResult.body.agents.w.output };
  step('approved');

  // 7b. try a script with parameters
  await page.click('#scripts button:has-text("greet")');
  await page.locator('#script-input').waitFor();
  await page.fill('#script-params', '{"greeting": "hi"}');
  await page.click('#script-detail button[type=submit]');
  await page.locator('#script-result pre').first().waitFor({ timeout: 30000 });
  result.scriptOutput = await page.textContent('#script-result');
  step('script tried');

  // 7c. edit the script: a syntax problem is shown at its line and Save stays off; fixed, it is saved
  await page.click('#script-edit');
  await page.locator('#script-text').waitFor();
  const original = await page.inputValue('#script-text');
  await page.fill('#script-text', "#!/bin/sh\nfi\nprintf 'broken'\n");
  await page.click('#script-text-validate');
  await page.locator('#script-text-problems li').first().waitFor();
  result.scriptProblems = await page.$$eval('#script-text-problems li', (lis) => lis.map((l) => l.textContent));
  result.scriptBadLines = await page.$$eval('#script-detail .gutter .bad', (spans) => spans.map((s) => s.textContent));
  result.scriptSaveDisabledWhenBroken = await page.isDisabled('#script-text-save');
  await page.fill('#script-text', original + '# edited in the console\n');
  result.scriptSaveDisabledBeforeCheck = await page.isDisabled('#script-text-save');
  await page.click('#script-text-validate');
  await page.locator('#script-text-save:not([disabled])').waitFor();
  await page.click('#script-text-save');
  await page.locator('#script-text-status:has-text("Saved")').waitFor();
  result.scriptOnDisk = (await api('GET', '/scripts/greet')).body.content;
  step('script edited');

  // 7d. the project's config.yaml: an unknown key is shown at its line and nothing is saved
  await page.click('#config-edit');
  await page.locator('#config-yaml').waitFor();
  const config = await page.inputValue('#config-yaml');
  await page.fill('#config-yaml', 'bogus_key: 1\n' + config);
  await page.click('#config-yaml-validate');
  await page.locator('#config-yaml-problems li').first().waitFor();
  result.configProblems = await page.$$eval('#config-yaml-problems li', (lis) => lis.map((l) => l.textContent));
  result.configSaveDisabled = await page.isDisabled('#config-yaml-save');
  result.configOnDisk = (await api('GET', '/config/source')).body.yaml === config;
  step('config checked');

  // 8. usage
  await page.goto(BASE + '/console/#/usage');
  await page.locator('#chart-tokens canvas').waitFor();
  await page.waitForTimeout(300);
  result.usageRows = await page.$$eval('#usage-table tbody tr', (rows) => rows.length);
  await page.screenshot({ path: OUT + '/console-usage.png', fullPage: true });
  step('usage');

  // 9. an ensemble's YAML: a problem is shown at its line before anything is saved
  await page.goto(BASE + '/console/#/ensembles/code-review');
  await page.locator('#yaml').waitFor();
  const yaml = await page.inputValue('#yaml');
  await page.fill('#yaml', yaml.replace('depends_on: [security, performance, readability]', 'depends_on: [security, performance, nobody]'));
  await page.click('#yaml-validate');
  await page.locator('#yaml-problems li').first().waitFor();
  result.yamlProblems = await page.$$eval('#yaml-problems li', (lis) => lis.map((l) => l.textContent));
  result.yamlBadLines = await page.$$eval('.gutter .bad', (spans) => spans.map((s) => s.textContent));
  result.yamlSaveDisabled = await page.isDisabled('#yaml-save');
  result.yamlOnDisk = (await api('GET', '/ensembles/code-review')).body.yaml.includes('nobody');
  await page.screenshot({ path: OUT + '/console-ensemble.png', fullPage: true });
  step('yaml validated');

  // 10. 1,000 agents: graph and timeline rendered while the run streams events; the page's
  // event loop delay sampled meanwhile (measured, reported, never asserted)
  const big = await api('POST', '/runs', { ensemble: 'big', input: 'go' });
  const t0 = Date.now();
  await page.goto(BASE + '/console/#/runs/' + encodeURIComponent(big.body.run_id));
  await page.waitForFunction(() => document.querySelector('#run-graph')?.dataset.nodes === '1000', null, { timeout: 120000 });
  const graphMs = Date.now() - t0;
  const layoutMs = Number(await page.getAttribute('#run-graph', 'data-layout-ms'));
  const lag = page.evaluate(() => new Promise((resolve) => {
    const delays = [];
    let last = performance.now();
    const end = last + 3000;
    const tick = () => {
      const now = performance.now();
      delays.push(now - last - 50);
      last = now;
      if (now < end) setTimeout(tick, 50); else resolve(delays.sort((a, b) => a - b));
    };
    setTimeout(tick, 50);
  }));
  const t1 = Date.now();
  await page.click('#show-timeline');
  await page.waitForFunction(() => document.querySelector('#timeline-chart')?.dataset.agents === '1000', null, { timeout: 120000 });
  const timelineMs = Date.now() - t1;
  const timelineRenderMs = Number(await page.getAttribute('#timeline-chart', 'data-render-ms'));
  const delays = await lag;
  await page.locator('#run-status .status.completed').waitFor({ timeout: 180000 });
  await page.waitForFunction(() => document.querySelector('#timeline-chart')?.dataset.bars === '1000', null, { timeout: 60000 });
  result.big = { graphMs, layoutMs, timelineMs, timelineRenderMs, bars: Number(await page.getAttribute('#timeline-chart', 'data-bars')),
    lagP50: Math.round(delays[Math.floor(delays.length / 2)]), lagP95: Math.round(delays[Math.floor(delays.length * 0.95)]),
    lagMax: Math.round(delays[delays.length - 1]) };
  await page.locator('#tab-timeline').screenshot({ path: OUT + '/console-big-timeline.png' });
  step('big run');
} catch (e) {
  result.error = String(e && e.stack || e);
  await page.screenshot({ path: OUT + '/console-failure.png', fullPage: true }).catch(() => {});
} finally {
  await context.close();
}
console.log(JSON.stringify(result));
