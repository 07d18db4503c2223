#!/usr/bin/env node
// The website chat widget (web/widget.js) in a real browser: Debian's chromium driven by playwright-core
// against the real `triagebot serve` on a free port with a temporary data directory.
//
//   node tests/browser/run.mjs --binary build/triagebot --rules rules [--screenshots] [--only REGEX]
//
// Each check is named; a failure says what was expected. --screenshots writes docs/img/widget-desktop.png
// and docs/img/widget-phone.png (only then, so a test run leaves the repository clean).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const SIZE_BUDGET = 15 * 1024;  // gzip -9 bytes of web/widget.js
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789abcdef';

// ---- arguments and prerequisites: a missing piece fails with what to install ----
function usage(message) {
  console.error(`run.mjs: ${message}\nusage: node tests/browser/run.mjs --binary PATH/triagebot --rules RULES_DIR [--screenshots] [--only REGEX]`);
  process.exit(2);
}
const args = { screenshots: false, only: null, binary: null, rules: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--screenshots') args.screenshots = true;
  else if (a === '--binary' || a === '--rules' || a === '--only') {
    if (i + 1 >= process.argv.length) usage(`${a} needs a value`);
    args[a.slice(2)] = process.argv[++i];
  } else usage(`unknown argument ${a}`);
}
if (!args.binary || !args.rules) usage('--binary and --rules are required');
args.binary = path.resolve(args.binary);
args.rules = path.resolve(args.rules);
if (!existsSync(args.binary)) usage(`no triagebot binary at ${args.binary} (build it first: bash scripts/build.sh)`);
if (!existsSync(args.rules)) usage(`no rules directory at ${args.rules}`);

const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 18) {
  console.error(`run.mjs: node ${process.version} is too old; the browser tests need Node 18 or newer (bash scripts/install-deps.sh)`);
  process.exit(1);
}
const chromiumPath = process.env.TRIAGEBOT_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.error(`run.mjs: no chromium at ${chromiumPath}. Install Debian's chromium: bash scripts/install-deps.sh ` +
    '(or apt-get install chromium); TRIAGEBOT_CHROMIUM=PATH chooses another binary.');
  process.exit(1);
}
let chromium, axeSource;
try {
  ({ chromium } = await import('playwright-core'));
  axeSource = readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
} catch (e) {
  console.error('run.mjs: the npm packages of tests/browser are missing (playwright-core, axe-core). ' +
    'Install them: bash scripts/install-deps.sh (or: cd tests/browser && npm ci)\n' + e.message);
  process.exit(1);
}

// ---- the real server ----
class Server {
  constructor(dataDir, extra = []) { this.dataDir = dataDir; this.extra = extra; }

  async start(port = 0) {
    const argv = ['serve', '--listen', `127.0.0.1:${port}`, '--data', this.dataDir, '--rules', args.rules,
      '--admin-token', ADMIN_TOKEN, ...this.extra];
    this.proc = spawn(args.binary, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.log = '';
    this.proc.stderr.on('data', (d) => { this.log += d; });
    this.exited = new Promise((resolve) => this.proc.on('exit', resolve));
    this.port = await new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the server did not say where it listens within 10 s:\n${out}${this.log}`)), 10000);
      this.proc.stdout.on('data', (d) => {
        out += d;
        const m = /listening on http:\/\/[^\s]*:(\d+)/.exec(out);
        if (m) { clearTimeout(timer); resolve(Number(m[1])); }
      });
      this.proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}) before listening:\n${out}${this.log}`)); });
    });
    this.base = `http://127.0.0.1:${this.port}`;
    return this;
  }

  async kill(signal = 'SIGKILL') {
    if (!this.proc || this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    this.proc.kill(signal);
    await this.exited;
  }

  async transcript(token) {
    const r = await fetch(`${this.base}/admin/sessions/${token}/transcript`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    return r.status === 200 ? r.json() : null;
  }
}

// ---- small assertions ----
function check(condition, message) { if (!condition) throw new Error(message); }
async function eventually(what, probe, timeout = 10000) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try { last = await probe(); } catch (e) { last = e.message; }
    if (last === true) return;
    if (Date.now() > until) throw new Error(`${what} (within ${timeout / 1000} s; last seen: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ---- a page with the widget, and what went over its WebSocket ----
async function widgetPage(context, url, { allowConsoleErrors = false } = {}) {
  const page = await context.newPage();
  const w = { page, replies: [], errors: [], sent: [], problems: [] };
  page.on('pageerror', (e) => w.problems.push(`uncaught exception in the page: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowConsoleErrors) w.problems.push(`console error: ${m.text()}`);
  });
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => {
      const j = JSON.parse(f.payload);
      (j.type === 'reply' ? w.replies : w.errors).push(j);
    });
    ws.on('framesent', (f) => w.sent.push(JSON.parse(f.payload)));
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  await page.locator('triagebot-chat .launcher').waitFor({ state: 'visible' });
  w.nextReply = async (count, timeout = 10000) => {
    await eventually(`reply ${count} from the server`, () => {
      const bad = w.errors.filter((e) => e.code !== 'rate_limited');
      if (bad.length) throw new Error(`the server answered with an error: ${JSON.stringify(bad)}`);
      return w.replies.length >= count || `${w.replies.length} replies`;
    }, timeout);
    return w.replies[count - 1];
  };
  w.clean = async () => {
    const csp = await page.evaluate(() => window.__cspViolations);
    check(csp.length === 0, `Content-Security-Policy violations: ${csp.join('; ')}`);
    check(w.problems.length === 0, w.problems.join('\n'));
  };
  return w;
}

const ui = {
  launcher: (page) => page.locator('triagebot-chat .launcher'),
  panel: (page) => page.locator('triagebot-chat .panel'),
  input: (page) => page.getByRole('textbox', { name: 'Your message' }),
  answer: (page, title) => page.getByRole('group', { name: 'Suggested answers' }).getByRole('button', { name: title, exact: true }),
  status: (page) => page.locator('triagebot-chat .status'),
  botText: (page) => page.locator('triagebot-chat .msg.bot').allTextContents(),
  myText: (page) => page.locator('triagebot-chat .msg.me').allTextContents(),
};

async function openPanel(w) {
  const before = w.replies.length;
  await ui.launcher(w.page).click();
  await ui.panel(w.page).waitFor({ state: 'visible' });
  if (before === 0) await w.nextReply(1);
}

async function type(w, words) {
  const box = ui.input(w.page);
  await box.fill(words);
  await box.press('Enter');
}

// Answers by clicking and typing like a person until the outcome: typed numbers, the scale's
// buttons, and the first preferred button title that the question offers.
async function converse(w, opening, prefs, { age = '38', score = '6' } = {}) {
  let count = w.replies.length;
  await type(w, opening);
  for (let step = 0; step < 25; step++) {
    const r = await w.nextReply(++count);
    if (r.outcome) return r;
    const kind = r.input.kind;
    if (kind === 'scale') await ui.answer(w.page, score).click();
    else if (kind === 'number') await type(w, age);
    else {
      const titles = r.quick_replies.map((q) => q.title);
      const pick = prefs.find((t) => titles.includes(t)) ?? titles[0];
      check(pick, `no way to answer ${JSON.stringify(r.messages)}`);
      await ui.answer(w.page, pick).click();
    }
  }
  throw new Error('no outcome after 25 answers');
}

const PATHS = {
  emergency: ['my lower back hurts and since this morning my bum feels numb when I wipe', ['None of these', 'No']],
  urgent: ['my lower back hurts and I have a fever with night sweats', ['None of these', 'No']],
  physio: ['My hip has been hurting for 4 months', ['None of these', 'No', 'About the same']],
  self_care: ['I hurt my lower back lifting boxes 3 days ago, about 3/10 and easing off a bit each day', ['None of these', 'No', 'Getting better']],
};

async function outcomeCard(page, level) {
  const card = page.locator(`triagebot-chat .card.${level}`);
  await card.waitFor({ state: 'visible' });
  return card;
}

// ---- the checks ----
const checks = [];
const test = (name, fn) => checks.push({ name, fn });

test('widget.js stays under the size budget (gzip -9)', async () => {
  const js = readFileSync(path.join(repo, 'web', 'widget.js'));
  const size = gzipSync(js, { level: 9 }).length;
  console.log(`    web/widget.js: ${js.length} bytes, ${size} bytes gzipped (budget ${SIZE_BUDGET})`);
  check(size < SIZE_BUDGET, `widget.js is ${size} bytes gzipped; the budget is ${SIZE_BUDGET}`);
});

test('widget.js never writes markup from strings', async () => {
  const js = readFileSync(path.join(repo, 'web', 'widget.js'), 'utf8');
  for (const bad of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'setAttribute(\'style\''])
    check(!js.includes(bad), `widget.js uses ${bad}; text must only go through textContent`);
});

test('the server publishes the page and the widget with types, caching and a strict CSP', async ({ server }) => {
  const page = await fetch(`${server.base}/`);
  const widget = await fetch(`${server.base}/widget.js`);
  const css = await fetch(`${server.base}/demo.css`);
  check(page.headers.get('content-type') === 'text/html; charset=utf-8', `/ is ${page.headers.get('content-type')}`);
  check(widget.headers.get('content-type') === 'text/javascript; charset=utf-8', `/widget.js is ${widget.headers.get('content-type')}`);
  check(css.headers.get('content-type') === 'text/css; charset=utf-8', `/demo.css is ${css.headers.get('content-type')}`);
  const csp = page.headers.get('content-security-policy') || '';
  for (const part of ["script-src 'self'", "frame-ancestors 'none'", `connect-src 'self' ws://127.0.0.1:${server.port}`])
    check(csp.includes(part), `the demo page's CSP lacks ${part}: ${csp}`);
  check(!csp.includes('unsafe-inline'), `the demo page's CSP allows unsafe-inline: ${csp}`);
  check(page.headers.get('cache-control') === 'no-cache', 'the demo page must be revalidated (Cache-Control: no-cache)');
  check(/max-age=\d+/.test(widget.headers.get('cache-control') || '') && widget.headers.get('etag'), 'widget.js needs a max-age and an ETag');
  for (const r of [page, widget, css]) check(r.headers.get('x-content-type-options') === 'nosniff', `${r.url} lacks nosniff`);
  check(await widget.text() === readFileSync(path.join(repo, 'web', 'widget.js'), 'utf8'), '/widget.js is not web/widget.js');
});

for (const level of ['emergency', 'urgent', 'physio', 'self_care']) {
  test(`a whole conversation to an outcome: ${level}`, async ({ browser, server }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const w = await widgetPage(context, `${server.base}/`);
    await openPanel(w);
    check((await ui.botText(w.page)).some((t) => t.includes('triage assistant')), 'the greeting is not shown');
    const [opening, prefs] = PATHS[level];
    const r = await converse(w, opening, prefs);
    check(r.outcome.level === level, `expected ${level}, the server concluded ${r.outcome.level}`);
    const card = await outcomeCard(w.page, level);
    const cardText = await card.textContent();
    check(cardText.includes(r.outcome.advice), 'the card does not show the advice');
    check(cardText.includes(r.outcome.disclaimer), 'the card does not show the disclaimer');
    check((await ui.myText(w.page)).some((t) => t.includes(opening)), 'the typed message is not in the conversation');
    if (level === 'emergency' || level === 'urgent') {
      // Shown first: pinned above the conversation, at the top of the panel.
      check(await w.page.locator('triagebot-chat .alert .card').count() === 1, 'the card is not pinned above the conversation');
      const call = card.locator(`a[href="tel:${r.outcome.emergency_number}"]`);
      check(await call.isVisible(), `no visible tel:${r.outcome.emergency_number} link`);
      const [cardBox, logBox] = [await card.boundingBox(), await w.page.locator('triagebot-chat .body').boundingBox()];
      check(cardBox.y < logBox.y, 'the card is not above the conversation');
    } else {
      check(await w.page.locator('triagebot-chat .alert .card').count() === 0, 'a routine outcome must not be pinned as an alert');
      const book = card.getByRole('link', { name: 'Book an assessment' });
      check(await book.getAttribute('href') === r.outcome.booking.url, 'the booking button does not link to the booking URL');
      if (r.outcome.exercises.length) {
        const first = r.outcome.exercises[0];
        const step = card.getByText(first.steps[0], { exact: true });
        check(!(await step.isVisible()), 'exercise steps should start folded');
        await card.getByText(first.name, { exact: true }).click();
        check(await step.isVisible(), `the steps of ${first.name} do not unfold`);
      }
    }
    await w.clean();
    await context.close();
  });
}

test('the scale question shows one button per value from min to max', async ({ browser, server }) => {
  const context = await browser.newContext();
  const w = await widgetPage(context, `${server.base}/`);
  await openPanel(w);
  await type(w, 'My hip has been hurting for 4 months');
  const r = await w.nextReply(2);
  check(r.input.kind === 'scale', `expected the pain scale, got ${JSON.stringify(r.input)}`);
  const labels = await w.page.locator('triagebot-chat .scale button').allTextContents();
  const want = Array.from({ length: r.input.max - r.input.min + 1 }, (_, i) => String(r.input.min + i));
  check(JSON.stringify(labels) === JSON.stringify(want), `scale buttons ${labels} instead of ${want}`);
  await w.clean();
  await context.close();
});

test('a reload resumes the same conversation', async ({ browser, server }) => {
  const context = await browser.newContext();
  const w = await widgetPage(context, `${server.base}/`);
  await openPanel(w);
  await type(w, 'My hip has been hurting for 4 months');
  await w.nextReply(2);
  await ui.answer(w.page, '6').click();
  const before = await w.nextReply(3);
  await w.page.reload();
  await ui.panel(w.page).waitFor({ state: 'visible' });  // it was open: it opens again
  const resumed = await w.nextReply(4);
  check(resumed.resumed === true, 'the reply after the reload did not resume');
  check(resumed.session === before.session, 'the reload started another session');
  const sent = w.sent.filter((f) => f.type === 'start');
  check(sent.at(-1).session === before.session, 'the start frame after the reload did not carry the session token');
  const mine = await ui.myText(w.page);
  check(mine.some((t) => t.includes('My hip has been hurting for 4 months')) && mine.some((t) => t.includes('6')),
    `the earlier conversation is not redrawn: ${mine}`);
  const r = await converse(w, 'about the same', PATHS.physio[1]);
  check(r.outcome.level === 'physio', `expected physio after resuming, got ${r.outcome.level}`);
  await w.clean();
  await context.close();
});

test('killing and restarting the server: the widget reconnects, resumes and sends queued messages once, in order', async ({ browser, dataDir }) => {
  const server = await new Server(dataDir).start();
  try {
    const context = await browser.newContext();
    const w = await widgetPage(context, `${server.base}/`, { allowConsoleErrors: true });
    await openPanel(w);
    await type(w, 'My hip has been hurting for 4 months');
    await w.nextReply(2);
    await ui.answer(w.page, '6').click();
    const trend = await w.nextReply(3);
    check(trend.input.slot === 'trend', `expected the trend question, got ${JSON.stringify(trend.input)}`);
    check(/connected/i.test(await ui.status(w.page).textContent()), 'the status does not say connected');

    await server.kill('SIGKILL');
    await eventually('the status to say the widget is offline', async () => /offline/i.test(await ui.status(w.page).textContent()) || await ui.status(w.page).textContent());
    // Typed while offline: shown at once, marked as waiting, sent after resuming.
    const same = trend.quick_replies.find((q) => q.title === 'About the same');
    await ui.answer(w.page, same.title).click();
    await type(w, '38');
    check(await w.page.locator('triagebot-chat .msg.me.pending').count() === 2, 'the two offline messages are not marked as waiting');
    check((await ui.myText(w.page)).filter((t) => t.includes('Waiting to send')).length === 2, 'the offline messages do not say they are waiting');

    await server.start(server.port);
    const resumed = await w.nextReply(4, 20000);
    check(resumed.resumed === true && resumed.session === trend.session, 'the reconnection did not resume the conversation');
    const afterAge = await w.nextReply(6, 10000);
    check(afterAge.input.slot === 'hip_emergency_check', `after the queued answers the bot should ask the hip checks, not ${afterAge.input.slot}`);
    await eventually('the waiting marks to clear', async () => await w.page.locator('triagebot-chat .msg.me.pending').count() === 0 &&
      !(await ui.myText(w.page)).some((t) => t.includes('Waiting to send')));
    check(/connected/i.test(await ui.status(w.page).textContent()), 'the status does not say connected again');

    const entries = await server.transcript(trend.session);
    const texts = entries.map((e) => e.in.text).filter(Boolean);
    const i = texts.indexOf(same.payload);
    const j = texts.indexOf('38');
    check(texts.filter((t) => t === '38').length === 1 && texts.filter((t) => t === same.payload).length === 1,
      `each queued message must reach the server once: ${JSON.stringify(texts)}`);
    check(i >= 0 && j > i, `the queued messages arrived out of order: ${JSON.stringify(texts)}`);
    const r = await converse(w, 'no', PATHS.physio[1]);
    check(r.outcome.level === 'physio', `expected physio, got ${r.outcome.level}`);
    await context.close();
  } finally {
    await server.kill();
  }
});

test('keyboard only: Tab, Enter, Escape, focus and the live region', async ({ browser, server }) => {
  const context = await browser.newContext();
  const w = await widgetPage(context, `${server.base}/`);
  const page = w.page;
  const focused = () => page.evaluate(() => {
    const host = document.activeElement;
    const inner = host && host.shadowRoot ? host.shadowRoot.activeElement : null;
    return inner ? `${inner.tagName.toLowerCase()}.${inner.className}|${inner.textContent}` : (host ? host.tagName.toLowerCase() : '');
  });
  let tabs = 0;
  while (!(await focused()).includes('launcher')) {
    check(++tabs < 30, 'Tab never reaches the launcher');
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await ui.panel(page).waitFor({ state: 'visible' });
  check((await focused()).startsWith('input'), `opening should focus the message box, not ${await focused()}`);
  await w.nextReply(1);
  await page.keyboard.type('I hurt my lower back lifting boxes 3 days ago, about 3/10 and easing off a bit each day');
  await page.keyboard.press('Enter');
  const second = await w.nextReply(2);
  const lastBot = second.messages.at(-1).text;
  await eventually('the live region to announce the new bot message',
    async () => (await page.locator('triagebot-chat [aria-live=polite]').last().textContent()).includes(lastBot));
  // Through the answers with Tab and Enter: focus moves to the next question's first answer.
  let count = 2;
  let r = second;
  for (let step = 0; step < 12 && !r.outcome; step++) {
    const tapped = r.input.kind !== 'number';
    if (!tapped) {
      await ui.input(page).focus();
      await page.keyboard.type('38');
      await page.keyboard.press('Enter');
    } else {
      const titles = r.quick_replies.map((q) => q.title);
      const want = ['None of these', 'No', 'Getting better'].find((t) => titles.includes(t)) ?? titles[0];
      let hops = 0;
      while (!(await focused()).endsWith(`|${want}`)) {
        check(++hops < 40, `Tab never reaches the answer "${want}"`);
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
    }
    r = await w.nextReply(++count);
    if (tapped && !r.outcome && r.quick_replies.length && r.input.kind !== 'number') {
      await eventually('focus to move to the first answer of the next question',
        async () => (await focused()).endsWith(`|${r.quick_replies[0].title}`) || await focused());
    }
  }
  check(r.outcome && r.outcome.level === 'self_care', 'the keyboard conversation did not reach its outcome');
  await page.keyboard.press('Escape');
  await ui.panel(page).waitFor({ state: 'hidden' });
  check((await focused()).includes('launcher'), `Escape should return focus to the launcher, not ${await focused()}`);
  check(await ui.launcher(page).getAttribute('aria-expanded') === 'false', 'the launcher still says expanded');
  await page.keyboard.press('Enter');
  await ui.panel(page).waitFor({ state: 'visible' });
  await w.clean();
  await context.close();
});

test('axe-core finds no serious or critical violations (panel open, outcome cards shown)', async ({ browser, server }) => {
  for (const level of ['physio', 'emergency']) {
    const context = await browser.newContext();
    const w = await widgetPage(context, `${server.base}/`);
    await openPanel(w);
    await converse(w, ...PATHS[level]);
    const card = await outcomeCard(w.page, level);
    if (level === 'physio') await card.locator('summary').first().click();
    // Evaluated through the DevTools protocol, so the page's CSP does not block it.
    await w.page.evaluate(axeSource);
    const result = await w.page.evaluate(() => window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    check(bad.length === 0, `axe (${level} card): ${bad.map((v) => `${v.id} [${v.impact}]: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`).join('\n')}`);
    await w.clean();
    await context.close();
  }
});

test('embedded in a host page with hostile CSS it still renders and works (allowed origin)', async ({ browser, server, hostPages }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const hostile = `<!doctype html><html lang="en"><head><title>Clinic</title><link rel="icon" href="data:,"><style>
    * { all: unset !important; font-size: 40px !important; color: #f0f !important; line-height: 4 !important; }
    div, section, button, input, p, span, a, header, footer, form { display: none !important; visibility: hidden !important; }
    triagebot-chat { display: none !important; opacity: 0 !important; transform: scale(0) !important; position: static !important; }
    :root { --triagebot-accent: #5b2a86; }
    </style></head><body><h1 id="own">The clinic's own page</h1>
    <script src="${server.base}/widget.js" data-server="ws://127.0.0.1:${server.port}/ws" data-title="Clinic chat" data-launcher-text="Questions?" async></script>
    </body></html>`;
  hostPages.set('/hostile.html', hostile);
  const w = await widgetPage(context, `${hostPages.origin}/hostile.html`);
  const page = w.page;
  const ownBefore = await page.evaluate(() => getComputedStyle(document.getElementById('own')).fontSize);
  const launcher = ui.launcher(page);
  check(await launcher.isVisible(), 'the launcher is hidden by the host page CSS');
  check((await launcher.textContent()).includes('Questions?'), 'data-launcher-text is not used');
  const box = await launcher.boundingBox();
  check(box.width > 60 && box.width < 400 && box.height < 100, `the launcher is misshapen: ${JSON.stringify(box)}`);
  const style = await launcher.evaluate((b) => ({ size: getComputedStyle(b).fontSize, bg: getComputedStyle(b).backgroundColor }));
  check(style.size === '16px', `the host page's font size leaked into the widget: ${style.size}`);
  check(style.bg === 'rgb(91, 42, 134)', `--triagebot-accent from the host page is not applied: ${style.bg}`);
  await openPanel(w);
  const panelBox = await ui.panel(page).boundingBox();
  check(panelBox.width > 300 && panelBox.width <= 400 && panelBox.height > 400, `the panel is misshapen: ${JSON.stringify(panelBox)}`);
  check((await page.locator('triagebot-chat h2').textContent()) === 'Clinic chat', 'data-title is not used');
  const r = await converse(w, ...PATHS.emergency);
  check(r.outcome.level === 'emergency', `expected emergency, got ${r.outcome.level}`);
  await outcomeCard(page, 'emergency');
  // And the widget leaves the page alone: no style of its own in the document, nothing else added.
  const after = await page.evaluate(() => ({
    own: getComputedStyle(document.getElementById('own')).fontSize,
    sheets: document.styleSheets.length,
    adopted: document.adoptedStyleSheets.length,
    added: [...document.body.children].map((e) => e.tagName.toLowerCase()).filter((t) => t !== 'h1' && t !== 'script'),
  }));
  check(after.own === ownBefore && after.sheets === 1 && after.adopted === 0, `the widget changed the host page's styles: ${JSON.stringify(after)}`);
  check(JSON.stringify(after.added) === '["triagebot-chat"]', `the widget added ${after.added} to the page`);
  await w.clean();
  await context.close();
});

test('a site that is not on the Origin allowlist is refused and the widget says it is offline', async ({ browser, hostPages }) => {
  // The same host pages, but a server that does not list their origin.
  const server = await new Server(path.join(hostPages.dataRoot, 'refusing')).start();
  const context = await browser.newContext();
  const page = `<!doctype html><html lang="en"><head><title>Other</title><link rel="icon" href="data:,"></head><body>
    <script src="${server.base}/widget.js" data-server="ws://127.0.0.1:${server.port}/ws" async></script></body></html>`;
  hostPages.set('/other.html', page);
  try {
    const w = await widgetPage(context, `${hostPages.origin}/other.html`, { allowConsoleErrors: true });
    await ui.launcher(w.page).click();
    await eventually('the status to say offline', async () => /offline/i.test(await ui.status(w.page).textContent()) || await ui.status(w.page).textContent());
    check(w.replies.length === 0, 'a refused origin got a reply');
    await context.close();
  } finally {
    await server.kill();
  }
});

test('text from the person and the server is shown as text, never as markup', async ({ browser, server }) => {
  const context = await browser.newContext();
  const w = await widgetPage(context, `${server.base}/`);
  await openPanel(w);
  const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await type(w, evil);
  await w.nextReply(2);
  check((await ui.myText(w.page)).some((t) => t.includes(evil)), 'the typed markup is not shown literally');
  const markup = await w.page.evaluate(() => document.querySelector('triagebot-chat').shadowRoot.querySelectorAll('img, b').length);
  check(markup === 0, 'typed markup became elements');
  check(await w.page.evaluate(() => window.__pwned) === undefined, 'typed markup ran script');
  await w.clean();
  await context.close();
});

test('"Start again" and "Delete this conversation"', async ({ browser, server }) => {
  const context = await browser.newContext();
  const w = await widgetPage(context, `${server.base}/`);
  await openPanel(w);
  await type(w, 'My hip has been hurting for 4 months');
  const first = await w.nextReply(2);
  await w.page.locator('triagebot-chat header').getByRole('button', { name: 'Start again' }).click();
  const restarted = await w.nextReply(3);
  check(restarted.session !== first.session && restarted.turn === 1, 'Start again did not start a new conversation');
  check(!(await ui.myText(w.page)).some((t) => t.includes('4 months')), 'the old conversation is still shown after Start again');

  await type(w, 'My hip has been hurting for 4 months');
  const held = await w.nextReply(4);
  check(await server.transcript(held.session) !== null, 'the conversation is not stored');
  await w.page.getByRole('button', { name: 'Delete this conversation' }).click();
  await w.page.getByRole('button', { name: 'Yes, delete' }).click();
  await eventually('the conversation to be cleared', async () => (await ui.myText(w.page)).length === 0);
  await eventually('the server to forget it', async () => await server.transcript(held.session) === null);
  const stored = await w.page.evaluate(() => JSON.stringify(sessionStorage));
  check(!stored.includes(held.session), 'the session token is still in sessionStorage');
  await type(w, 'hello');
  const fresh = await w.nextReply(5);
  check(fresh.session !== held.session && fresh.turn === 1, 'after deleting, a new message must start a new conversation');
  await w.clean();
  await context.close();
});

test('resumed in another window (close 4001): the first stops and offers to continue there', async ({ browser, server }) => {
  const context = await browser.newContext();
  const a = await widgetPage(context, `${server.base}/`);
  await openPanel(a);
  await type(a, 'My hip has been hurting for 4 months');
  await a.nextReply(2);
  // A second tab with the same sessionStorage, as "Duplicate tab" makes.
  const stored = await a.page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  const b = await context.newPage();
  await b.addInitScript((entries) => { for (const [k, v] of JSON.parse(entries)) sessionStorage.setItem(k, v); }, stored);
  const bFrames = [];
  b.on('websocket', (ws) => ws.on('framereceived', (f) => bFrames.push(JSON.parse(f.payload))));
  await b.goto(`${server.base}/`);
  await eventually('the second tab to resume', () => bFrames.some((f) => f.resumed === true) || bFrames.length);
  await eventually('the first tab to say the conversation went on elsewhere',
    async () => /another window/i.test(await ui.status(a.page).textContent()) || await ui.status(a.page).textContent());
  const startsBefore = a.sent.filter((f) => f.type === 'start').length;
  await new Promise((r) => setTimeout(r, 1500));
  check(a.sent.filter((f) => f.type === 'start').length === startsBefore, 'the first tab reconnected on its own and would fight the second');
  await ui.status(a.page).getByRole('button', { name: 'Continue here' }).click();
  const back = await a.nextReply(3);
  check(back.resumed === true, 'Continue here did not resume the conversation');
  await a.clean();
  await context.close();
});

test('erased from elsewhere (close 4002): the widget clears itself', async ({ browser, server }) => {
  const context = await browser.newContext();
  const w = await widgetPage(context, `${server.base}/`);
  await openPanel(w);
  await type(w, 'My hip has been hurting for 4 months');
  const r = await w.nextReply(2);
  const res = await fetch(`${server.base}/v1/session`, { method: 'DELETE', headers: { Authorization: `Bearer ${r.session}` } });
  check(res.status === 204, `DELETE /v1/session answered ${res.status}`);
  await eventually('the status to say the conversation was deleted',
    async () => /deleted/i.test(await ui.status(w.page).textContent()) || await ui.status(w.page).textContent());
  check((await ui.myText(w.page)).length === 0 && (await ui.botText(w.page)).length === 0, 'the erased conversation is still shown');
  check(!(await w.page.evaluate(() => JSON.stringify(sessionStorage))).includes(r.session), 'the erased token is still stored');
  await type(w, 'hello');
  const fresh = await w.nextReply(3);
  check(fresh.session !== r.session && fresh.turn === 1, 'after the erasure a new message must start a new conversation');
  await w.clean();
  await context.close();
});

test('rate_limited is waited out: the same message goes again after retry_after_ms', async ({ browser, dataDir }) => {
  const server = await new Server(dataDir, ['--messages-per-second', '2', '--message-burst', '2']).start();
  try {
    const context = await browser.newContext();
    const w = await widgetPage(context, `${server.base}/`);
    await openPanel(w);
    const r = await converse(w, ...PATHS.physio);
    check(r.outcome.level === 'physio', `expected physio, got ${r.outcome.level}`);
    check(w.errors.some((e) => e.code === 'rate_limited'), 'the server never limited the rate: the check proves nothing');
    const ids = w.sent.filter((f) => f.type === 'message').map((f) => f.id);
    check(new Set(ids).size < ids.length, `no message was sent again after ${w.errors.length} rate_limited errors`);
    const mine = await ui.myText(w.page);
    check(mine.length === new Set(ids).size, `each message should show once: ${mine.length} bubbles for ${new Set(ids).size} messages`);
    await w.clean();
    await context.close();
  } finally {
    await server.kill();
  }
});

test('on a 360-px phone screen the panel fills the screen and works', async ({ browser, server }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const w = await widgetPage(context, `${server.base}/`);
  await openPanel(w);
  const box = await ui.panel(w.page).boundingBox();
  check(Math.round(box.width) === 360 && Math.round(box.x) === 0, `the panel is not full width: ${JSON.stringify(box)}`);
  const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 360, `the page scrolls sideways (${overflow} px wide)`);
  const r = await converse(w, ...PATHS.physio);
  check(r.outcome.level === 'physio', `expected physio, got ${r.outcome.level}`);
  const card = await outcomeCard(w.page, 'physio');
  const cardBox = await card.boundingBox();
  check(cardBox.width <= 360, `the outcome card is wider than the screen: ${cardBox.width}`);
  await w.page.getByRole('button', { name: 'Close chat' }).click();
  await ui.launcher(w.page).waitFor({ state: 'visible' });
  await w.clean();
  await context.close();
});

test('prefers-reduced-motion turns the panel animation off', async ({ browser, server }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const w = await widgetPage(context, `${server.base}/`);
  await openPanel(w);
  const animation = await ui.panel(w.page).evaluate((p) => getComputedStyle(p).animationName);
  check(animation === 'none', `the panel still animates (${animation})`);
  await context.close();
});

// No focus ring in the pictures.
const unfocus = (page) => page.evaluate(() => document.querySelector('triagebot-chat').shadowRoot.activeElement?.blur());

async function screenshots({ browser, server }) {
  const shots = path.join(repo, 'docs', 'img');
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const w = await widgetPage(context, `${server.base}/`);
    await openPanel(w);
    await converse(w, ...PATHS.physio);
    const card = await outcomeCard(w.page, 'physio');
    await card.locator('summary').first().click();
    await card.evaluate((c) => c.scrollIntoView({ block: 'start' }));
    await unfocus(w.page);
    await w.page.screenshot({ path: path.join(shots, 'widget-desktop.png') });
    await context.close();
  }
  {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    const w = await widgetPage(context, `${server.base}/`);
    await openPanel(w);
    await converse(w, ...PATHS.emergency);
    await outcomeCard(w.page, 'emergency');
    await unfocus(w.page);
    await w.page.screenshot({ path: path.join(shots, 'widget-phone.png') });
    await context.close();
  }
  console.log(`    screenshots written to ${path.relative(process.cwd(), shots)}/widget-desktop.png and widget-phone.png`);
}

// A clinic's website on another origin (another port on loopback) for the embedding checks.
async function startHostPages(dataRoot) {
  const pages = new Map();
  const http = createServer((req, res) => {
    const body = pages.get(req.url);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body || 'not found');
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${http.address().port}`, set: (p, b) => pages.set(p, b), close: () => http.close(), dataRoot };
}

// ---- run ----
const dataRoot = mkdtempSync(path.join(tmpdir(), 'triagebot-browser-'));
let browser;
let server;
let hostPages;
let failed = 0;
try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    // Chromium's sandbox refuses to run as root (CI containers); elsewhere it stays on.
    args: [...(process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []), '--disable-dev-shm-usage'],
  });
  hostPages = await startHostPages(dataRoot);
  server = await new Server(path.join(dataRoot, 'main'), ['--allowed-origin', hostPages.origin]).start();
  const selected = checks.filter((c) => !args.only || new RegExp(args.only).test(c.name));
  let n = 0;
  for (const c of selected) {
    n++;
    const started = Date.now();
    try {
      await c.fn({ browser, server, hostPages, dataDir: path.join(dataRoot, `check-${n}`) });
      console.log(`ok ${n} - ${c.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`not ok ${n} - ${c.name}\n    ${String(e.message || e).split('\n').join('\n    ')}`);
    }
  }
  if (args.screenshots) await screenshots({ browser, server });
  console.log(`${selected.length - failed} of ${selected.length} browser checks passed`);
} catch (e) {
  failed++;
  console.error(`run.mjs: ${e.stack || e}`);
} finally {
  if (browser) await browser.close();
  if (hostPages) hostPages.close();
  if (server) {
    await server.kill('SIGTERM');
    if (failed && server.log) console.error(`server log (stderr):\n${server.log.split('\n').slice(-40).join('\n')}`);
  }
  rmSync(dataRoot, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
