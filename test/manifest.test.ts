import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_TYPES, GENERIC_TYPE } from '../src/core/doctypes';
import { DEFAULT_SETTINGS, SETTING_LIMITS } from '../src/core/editorconfig';
import { CONTEXT_INLINE_ITEMS, CONTEXT_IS_DRAFT } from '../src/extension/outlineView';
import { RULES } from '../src/rules';

/** The manifest, its translations and the runtime strings agree with the code. */

const ROOT = path.resolve(__dirname, '..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json'));
const zh: Record<string, string> = JSON.parse(read('package.nls.json'));
const en: Record<string, string> = JSON.parse(read('package.nls.en.json'));
const bundle: Record<string, string> = JSON.parse(read('l10n/bundle.l10n.en.json'));
const settings = Object.assign({}, ...pkg.contributes.configuration.map((c: { properties: object }) => c.properties));

describe('package.json', () => {
  it('targets the VS Code API of the pinned @types/vscode, with both bundles', () => {
    expect(pkg.engines.vscode).toBe(`^${pkg.devDependencies['@types/vscode']}`);
    expect(pkg.main).toBe('./dist/extension.js');
    expect(pkg.browser).toBe('./dist/web/extension.js');
    expect(pkg.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(pkg.capabilities.virtualWorkspaces).toBe(true);
    for (const lang of ['dangjian', 'markdown', 'plaintext']) expect(pkg.activationEvents).toContain(`onLanguage:${lang}`);
  });

  it('translates every %key% into Chinese (the default) and English', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(40);
    for (const k of keys) {
      expect(zh[k], k).toBeTruthy();
      expect(en[k], k).toBeTruthy();
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.keys(zh).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('offers a severity setting for every rule, described with its default', () => {
    const rules = settings['dangjian.rules'];
    expect(Object.keys(rules.properties)).toEqual(RULES.map((r) => r.id));
    expect(rules.additionalProperties).toBe(false);
    const word = { error: '错误', warning: '警告', info: '提示' };
    for (const r of RULES) {
      const p = rules.properties[r.id];
      expect(p.enum).toEqual(['off', 'info', 'warning', 'error']);
      const text = zh[p.markdownDescription.slice(1, -1)]!;
      expect(text, r.id).toContain(`默认：${word[r.defaultSeverity]}`);
      expect(text.includes('可自动修复'), r.id).toBe(r.fixable);
    }
  });

  it('has setting defaults and limits equal to the code’s', () => {
    expect(settings['dangjian.enable'].default).toBe(DEFAULT_SETTINGS.enable);
    expect(settings['dangjian.languages'].default).toEqual(DEFAULT_SETTINGS.languages);
    expect(settings['dangjian.detectDrafts'].default).toBe(DEFAULT_SETTINGS.detectDrafts);
    expect(settings['dangjian.documentType'].default).toBe(DEFAULT_SETTINGS.documentType);
    expect(settings['dangjian.documentType'].enum).toEqual(['auto', ...[...DEFAULT_DOCUMENT_TYPES.map((t) => t.id)].sort((a, b) => ['duty-report', 'work-report', 'speech', 'summary'].indexOf(a) - ['duty-report', 'work-report', 'speech', 'summary'].indexOf(b)), GENERIC_TYPE.id]);
    expect(settings['dangjian.debounceMs'].default).toBe(DEFAULT_SETTINGS.debounceMs);
    expect([settings['dangjian.debounceMs'].minimum, settings['dangjian.debounceMs'].maximum]).toEqual([SETTING_LIMITS.debounceMs.min, SETTING_LIMITS.debounceMs.max]);
    expect(settings['dangjian.maxDocumentSize'].default).toBe(DEFAULT_SETTINGS.maxDocumentSize);
    expect([settings['dangjian.maxDocumentSize'].minimum, settings['dangjian.maxDocumentSize'].maximum]).toEqual([SETTING_LIMITS.maxDocumentSize.min, SETTING_LIMITS.maxDocumentSize.max]);
    expect(settings['dangjian.outline.showInlineItems'].default).toBe(DEFAULT_SETTINGS.showInlineItems);
    expect(settings['dangjian.fixAllOnSave'].default).toBe(DEFAULT_SETTINGS.fixAllOnSave);
  });

  it('refers only to declared commands and to context keys the code sets', () => {
    const commands = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const used = [...Object.values(pkg.contributes.menus).flat(), ...pkg.contributes.keybindings] as { command: string; when?: string }[];
    for (const u of used) expect(commands.has(u.command), u.command).toBe(true);
    // `config.dangjian.x` is a setting, not a context key the code sets: it must be a declared setting.
    const configKeys = used.flatMap((u) => [...(u.when ?? '').matchAll(/\bconfig\.(dangjian\.[\w.]+)/g)].map((m) => m[1]!));
    for (const k of configKeys) expect(settings[k], k).toBeDefined();
    const keys = new Set(used.flatMap((u) => u.when?.replace(/\bconfig\.dangjian\.[\w.]+/g, '').match(/dangjian\.[\w.]+/g) ?? []));
    for (const w of pkg.contributes.viewsWelcome) for (const k of w.when.match(/dangjian\.[\w.]+/g) ?? []) keys.add(k);
    for (const v of Object.values(pkg.contributes.views).flat() as { id: string }[]) keys.delete(v.id); // `view == id`
    expect([...keys].sort()).toEqual([CONTEXT_IS_DRAFT, CONTEXT_INLINE_ITEMS].sort());
    expect(pkg.contributes.codeActions[0].actions.map((a: { kind: string }) => a.kind)).toEqual(['quickfix', 'source.fixAll.dangjian']);
  });

  it('points at files that exist, and the .vsix allow-list takes them', () => {
    const c = pkg.contributes;
    const files = [
      ...c.grammars.map((g: { path: string }) => g.path),
      ...c.languages.flatMap((l: { configuration: string; icon: { light: string; dark: string } }) => [l.configuration, l.icon.light, l.icon.dark]),
      ...c.snippets.map((s: { path: string }) => s.path),
      c.viewsContainers.activitybar[0].icon,
      ...c.jsonValidation.map((j: { url: string }) => j.url),
      pkg.icon,
    ].map((f: string) => f.replace(/^\.\//, ''));
    for (const f of files) expect(existsSync(path.join(ROOT, f)), f).toBe(true);
    const allow = read('.vscodeignore').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    const glob = (g: string) => new RegExp(`^${g.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '.*')}$`);
    const allowed = (f: string) => allow.some((a) => glob(a).test(f));
    for (const f of [...files, 'dist/extension.js', 'dist/web/extension.js', 'package.nls.json', 'package.nls.en.json', 'l10n/bundle.l10n.en.json', 'README.md', 'LICENSE']) {
      expect(allowed(f), f).toBe(true);
    }
    const grammar = JSON.parse(read('syntaxes/dangjian.tmLanguage.json'));
    expect(grammar.scopeName).toBe(c.grammars[0].scopeName);
    const injection = JSON.parse(read('syntaxes/dangjian-markdown.injection.tmLanguage.json'));
    expect(injection.scopeName).toBe(c.grammars[1].scopeName);
  });
});

describe('runtime strings', () => {
  // Every module of the extension but convert.ts, the one that builds VS Code objects.
  const modules = readdirSync(path.join(ROOT, 'src/extension'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'convert.ts')
    .map((f) => f.slice(0, -3));
  const sources = modules.map((f) => read(`src/extension/${f}.ts`)).join('\n');
  const keys = [...sources.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]!.replace(/\\n/g, '\n'));

  it('have an English translation each, with the same placeholders', () => {
    expect(keys.length).toBeGreaterThan(30);
    for (const k of keys) {
      expect(bundle[k], k).toBeTruthy();
      const holes = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join();
      expect(holes(bundle[k]!), k).toBe(holes(k));
    }
    expect(Object.keys(bundle).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it('are only made by t() in the extension (no vscode constructors outside convert.ts)', () => {
    expect(modules).toEqual(expect.arrayContaining(['commands', 'extension', 'l10n', 'linter', 'outlineView', 'providers']));
    for (const f of modules) {
      const src = read(`src/extension/${f}.ts`);
      expect(src.match(/new vscode\.(Range|Position|Diagnostic|TextEdit|WorkspaceEdit|DocumentSymbol|FoldingRange|TreeItem|CodeAction|ThemeIcon|Selection|CompletionItem|DataTransferItem)\b/g), f).toBeNull();
      expect(src.match(/from '(node:)?(fs|path)'/g), f).toBeNull();
    }
  });
});
