// End-to-end check of the packaged extension as a person meets it (issue 5): installs the .vsix
// into a fresh code-server extensions dir, opens a fixture draft in the browser workbench (headless
// Chromium driven by playwright-core) and asserts on what is on the screen: the Problems panel, the
// outline tree in the activity bar, a quick fix from Ctrl+. that changes the text, and a snippet
// that expands. Saves the README's screenshots into docs/screenshots/ (the rest into
// .vscode-test/e2e/screenshots/).
//
// Needs scripts/setup-vscode.sh to have run. Without code-server it says so and exits 0, or 1 when
// REQUIRE_VSCODE_IT=1. Environment: E2E_SKIP_PACKAGE=1 uses the .vsix already built;
// E2E_SCREENSHOTS=dir saves the screenshots elsewhere; LAUNCHER_VERBOSE=1 echoes code-server.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_PATH, CODE_SERVER_BIN, codeServerCli, launchChromium, QUIET_SETTINGS, root, startCodeServer } from './code-server-launcher.mjs';
import { toPalettePng } from './palette-png.mjs';

process.chdir(root);
const started = Date.now();
const log = (...a) => console.log('e2e:', ...a);

if (!existsSync(CODE_SERVER_BIN) || !existsSync(CHROMIUM_PATH)) {
  const required = process.env.REQUIRE_VSCODE_IT === '1';
  console.log(`e2e: ${required ? 'FAILED' : 'SKIPPED'} — code-server or Chromium is not installed (run \`bash scripts/setup-vscode.sh\`).`);
  process.exit(required ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// The .vsix, installed into fresh folders
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
if (process.env.E2E_SKIP_PACKAGE !== '1') {
  log('npm run package');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'package', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    console.error('e2e: npm run package failed');
    process.exit(1);
  }
}
if (!existsSync(vsix)) {
  console.error(`e2e: ${path.relative(root, vsix)} not found (npm run package makes it)`);
  process.exit(1);
}

const work = path.join(root, '.vscode-test', 'e2e');
rmSync(work, { recursive: true, force: true });
const tmp = path.join(work, 'tmp');
const extensionsDir = path.join(work, 'extensions');
const userDataDir = path.join(work, 'user-data');
const workspace = path.join(work, 'workspace');
for (const d of [tmp, extensionsDir, userDataDir]) mkdirSync(d, { recursive: true });
cpSync(path.join(root, 'test', 'integration', 'fixtures'), workspace, { recursive: true });
writeFileSync(path.join(workspace, '新稿.dj.txt'), '');
// The README's screenshots (also shipped in the .vsix, whose details page shows the README) go to
// docs/screenshots/; the others stay with the run.
const shots = path.resolve(process.env.E2E_SCREENSHOTS ?? path.join(root, 'docs', 'screenshots'));
const README_SHOTS = new Set(['tree-view', 'diagnostic', 'quick-fix', 'snippet']);
const otherShots = path.join(work, 'screenshots');
for (const d of [shots, otherShots]) mkdirSync(d, { recursive: true });

// The profile of someone who opens the workbench to write: no welcome page, no minimap.
mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
writeFileSync(
  path.join(userDataDir, 'User', 'settings.json'),
  JSON.stringify({ ...QUIET_SETTINGS, 'workbench.startupEditor': 'none', 'editor.minimap.enabled': false, 'workbench.colorTheme': 'Default Light Modern', 'window.zoomLevel': 0 }, null, 2),
);

let t = Date.now();
const installed = await codeServerCli(['--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force'], { tmp });
if (!/successfully installed/i.test(installed)) {
  console.error(`e2e: installing the .vsix said:\n${installed}`);
  process.exit(1);
}
const listed = await codeServerCli(['--list-extensions', '--show-versions', '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir], { tmp });
const id = `${pkg.publisher}.${pkg.name}@${pkg.version}`;
if (!listed.includes(id)) {
  console.error(`e2e: ${id} is not among the installed extensions:\n${listed}`);
  process.exit(1);
}
log(`installed ${path.basename(vsix)} into a fresh extensions dir (${Date.now() - t} ms)`);

// ---------------------------------------------------------------------------------------------
// The workbench. Its display language is English: code-server takes `--locale zh-cn` only with a
// Chinese language pack, which cannot be installed offline, and the extension's strings follow the
// display language (the draft, the headings and the Problems panel's markers are Chinese all the same).
t = Date.now();
const server = await startCodeServer({ userDataDir, extensionsDir, tmp });
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));
log(`code-server at ${server.url}, Chromium started (${Date.now() - t} ms)`);

const editorText = () => page.locator('.editor-group-container.active .monaco-editor .view-lines').innerText();
const expect = (cond, what) => {
  if (!cond) throw new Error(what);
};
async function waitFor(what, probe, timeout = 20000) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await page.waitForTimeout(200);
  }
}
async function shot(name, clip) {
  const readme = README_SHOTS.has(name);
  const file = path.join(readme ? shots : otherShots, `${name}.png`);
  const png = await page.screenshot(clip ? { clip } : {});
  // The README's go into the .vsix: in 16 colours, about a fifth of the bytes, looking the same.
  writeFileSync(file, readme ? toPalettePng(png) : png);
  log(`  screenshot ${path.relative(root, file)}`);
}
/**
 * The box around everything the locators match, `pad` pixels wider on each side, within the
 * window: the README's screenshots show what they are about, and the .vsix carries fewer bytes.
 */
async function around(pad, ...locators) {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const l of locators) {
    for (const el of await l.all()) {
      const b = await el.boundingBox();
      if (!b || !b.width || !b.height) continue;
      x0 = Math.min(x0, b.x);
      y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.width);
      y1 = Math.max(y1, b.y + b.height);
    }
  }
  if (x0 === Infinity) return undefined;
  const { width, height } = page.viewportSize();
  const x = Math.max(0, Math.floor(x0 - pad));
  const y = Math.max(0, Math.floor(y0 - pad));
  return { x, y, width: Math.min(width, Math.ceil(x1 + pad)) - x, height: Math.min(height, Math.ceil(y1 + pad)) - y };
}
/** The editor's tab and breadcrumbs and the lines of its text that are on screen. */
const editorLines = () => page.locator('.editor-group-container.active .title, .editor-group-container.active .monaco-editor .view-line');
async function runCommand(title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row').first().waitFor();
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
}
async function openFromExplorer(name) {
  await runCommand('View: Show Explorer');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: name });
  await row.first().waitFor({ state: 'visible', timeout: 30000 });
  await row.first().click();
  await waitFor(`${name} to be the active editor`, async () => (await page.locator('.tabs-container .tab.active').innerText()).includes(name));
}
async function goToLine(line, col) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${col}`);
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

const steps = [
  [
    'the Problems panel lists the expected findings of the fixture draft',
    async () => {
      await openFromExplorer('述职报告.dj.txt');
      await waitFor('the draft in the editor', async () => (await editorText()).includes('某局党支部书记'));
      await runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      const panel = page.locator('.markers-panel');
      await panel.waitFor({ state: 'visible' });
      const rows = panel.locator('.monaco-list-row');
      // The file's row and one row per finding.
      const text = await waitFor('three findings in the Problems panel', async () => {
        const s = await panel.innerText();
        return ['inline-sequence', 'numbering-sequence', 'punctuation-width'].every((r) => s.includes(r)) ? s : undefined;
      });
      expect((await rows.count()) === 4, `4 rows (the file and 3 findings), got ${await rows.count()}:\n${text}`);
      expect(text.includes('述职报告.dj.txt'), 'the file row');
      expect(text.includes('党建文稿'), 'the findings name their source, 党建文稿');
      expect(text.includes('“三是”') && text.includes('（三）'), `the messages name the wrong markers:\n${text}`);
      expect(/\[(行|Ln) ?6, ?(列|Col) ?1\]/.test(text), `the numbering finding is on line 6, column 1:\n${text}`);
      await shot('problems');
    },
  ],
  [
    'the activity-bar tree shows the draft’s sections',
    async () => {
      // The extension's own activity-bar icon (its container `dangjian`).
      const tab = page.locator('.activitybar .action-item', { has: page.locator('[class*="activity-workbench-view-extension-dangjian"]') });
      await tab.waitFor({ state: 'visible' });
      // Its badge counts the draft's errors.
      const badge = await tab.locator('.badge').getAttribute('aria-label');
      expect(/\b2\b/.test(badge ?? ''), `the badge counts 2 errors: ${badge}`);
      await tab.click();
      const view = page.locator('[id="workbench.view.extension.dangjian"]');
      await view.waitFor({ state: 'visible' });
      const rows = view.locator('.monaco-list-row');
      const text = await waitFor('the outline tree', async () => {
        const s = await view.innerText();
        return ['一、主要做法及成效', '二、存在的问题', '三、下一步打算'].every((h) => s.includes(h)) ? s : undefined;
      });
      expect((await rows.count()) >= 3, `at least the three sections, got ${await rows.count()}`);
      // Move into （一）加强政治建设: the tree follows the cursor and selects it.
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
      await goToLine(11, 3);
      const selected = await waitFor('the tree to select the section at the cursor', async () => {
        const s = await view.locator('.monaco-list-row.selected').first().innerText();
        return s.includes('（一）加强政治建设') ? s : undefined;
      });
      expect(/一、主要做法及成效\s*78 ?(字|chars)/.test(text), `each section shows its character count:\n${text}`);
      log(`  selected: ${selected.replace(/\s+/g, ' ')}`);
      await goToLine(6, 1);
      await waitFor('the tree to select （三）抓组织建设', async () => (await view.locator('.monaco-list-row.selected').first().innerText()).includes('（三）抓组织建设'));
      // The Problems panel takes room the screenshot is better without.
      await runCommand('View: Close Panel');
      await page.waitForTimeout(500);
      await shot('tree-view', await around(8, tab, page.locator('.sidebar .composite.title'), rows, editorLines()));
    },
  ],
  [
    'a quick fix from Ctrl+. changes the text',
    async () => {
      await goToLine(6, 1);
      // The diagnostic, as the hover shows it.
      await runCommand('Show or Focus Hover');
      const hover = page.locator('.monaco-hover:not(.hidden)').first();
      const hoverText = await waitFor('the hover with the finding', async () => {
        const s = await hover.innerText();
        return s.includes('numbering-sequence') ? s : undefined;
      });
      log(`  hover: ${hoverText.split('\n')[0]}`);
      await page.waitForTimeout(300);
      await shot('diagnostic', await around(8, hover, editorLines()));
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.waitFor({ state: 'visible' });
      // “Change “（三）” to “（二）”” (将“（三）”改为“（二）” in Chinese).
      const item = menu.locator('.monaco-list-row', { hasText: /“（三）”.*“（二）”/ });
      await item.waitFor({ state: 'visible' });
      const items = await menu.innerText();
      expect(/重新编号全文|Renumber the whole draft/.test(items), `the menu offers renumbering too:\n${items}`);
      await shot('quick-fix', await around(8, menu, editorLines()));
      // Chosen from the keyboard (the menu opens with the preferred fix focused): Enter applies it.
      for (let i = 0; i < 10 && !/\bfocused\b/.test((await item.getAttribute('class')) ?? ''); i++) await page.keyboard.press('ArrowDown');
      expect(/\bfocused\b/.test((await item.getAttribute('class')) ?? ''), 'the fix is focused in the menu');
      await page.keyboard.press('Enter');
      await waitFor('the text to change', async () => (await editorText()).includes('（二）抓组织建设'));
      expect(!(await editorText()).includes('（三）抓组织建设'), 'the old marker is gone');
      await runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await waitFor('the finding to leave the Problems panel', async () => !(await page.locator('.markers-panel').innerText()).includes('numbering-sequence'));
      // The tree heading follows the text.
      await waitFor('the tree to show the new heading', async () => (await page.locator('.sidebar').innerText()).includes('（二）抓组织建设'));
    },
  ],
  [
    'a snippet expands into a whole duty-report template',
    async () => {
      await runCommand('View: Close Panel');
      await openFromExplorer('新稿.dj.txt');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
      await page.keyboard.type('dj-shuzhi');
      await page.keyboard.press('Control+Space');
      const suggest = page.locator('.suggest-widget.visible');
      await suggest.waitFor({ state: 'visible' });
      const entry = suggest.locator('.monaco-list-row', { hasText: '述职报告（整篇）' });
      await entry.first().waitFor({ state: 'visible' });
      // With the snippet's preview beside the list.
      const details = page.locator('.suggest-details-container .suggest-details');
      if (!(await details.isVisible().catch(() => false))) await page.keyboard.press('Control+Space');
      await page.waitForTimeout(500);
      await shot('snippet', await around(8, suggest, details, editorLines()));
      await page.keyboard.press('Enter');
      const text = await waitFor('the template in the editor', async () => {
        const s = await editorText();
        return s.includes('年度抓基层党建工作述职报告') ? s : undefined;
      });
      for (const h of ['一、履职尽责情况及主要成效', '二、存在的问题和不足', '三、下一步工作打算']) expect(text.includes(h), `the template has ${h}:\n${text}`);
      // The first tab stop is selected, ready to type over.
      await page.keyboard.type('某县某局党组书记');
      await waitFor('the first placeholder to be typed over', async () => (await editorText()).includes('某县某局党组书记202X年度'));
      await page.keyboard.press('Tab');
      await page.keyboard.type('2025');
      await waitFor('the year, in both places it appears', async () => {
        const s = await editorText();
        return s.includes('2025年度抓基层') && s.includes('本人2025年度') ? s : undefined;
      });
      await page.keyboard.press('Escape');
      await shot('snippet-expanded');
    },
  ],
];

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible', timeout: 60000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60000 });
  for (const [name, fn] of steps) {
    if (failed) {
      skipped++;
      log(`- ${name} (skipped)`);
      continue;
    }
    const s = Date.now();
    try {
      await fn();
      passed++;
      log(`✔ ${name} (${Date.now() - s} ms)`);
    } catch (e) {
      failed++;
      log(`✘ ${name}: ${e instanceof Error ? e.message : e}`);
      const file = path.join(work, 'failure.png');
      await page.screenshot({ path: file }).catch(() => undefined);
      log(`  the screen at the failure: ${path.relative(root, file)}`);
    }
  }
} catch (e) {
  failed++;
  log(`✘ the workbench did not load: ${e instanceof Error ? e.message : e}`);
} finally {
  if (failed) {
    if (pageErrors.length) log(`page errors:\n  ${pageErrors.slice(-10).join('\n  ')}`);
    log(`code-server said (last 30 lines):\n${server.tail(30)}`);
  }
  await browser.close().catch(() => undefined);
  await server.stop();
}
log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`e2e: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
