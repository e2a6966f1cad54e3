import { describe, expect, it } from 'vitest';
import {
  configCandidates,
  DEFAULT_SETTINGS,
  isLinted,
  languageOfPath,
  readSettings,
  resolveEditorConfig,
  selectDocument,
  type EditorSettings,
} from '../src/core/editorconfig';
import { lint } from '../src/core/lint';
import { buildModel } from '../src/core/model';
import { RULES } from '../src/rules';

const settings = (over: Partial<EditorSettings> = {}): EditorSettings => ({ ...DEFAULT_SETTINGS, ...over });
const DRAFT = '某局述职报告\n一、主要做法\n正文。\n二、存在问题\n正文。';
const NOTE = '# README\n\nInstall with npm.\n\n1. step one';

describe('readSettings', () => {
  it('takes well-formed values and replaces the rest with defaults', () => {
    const values: Record<string, unknown> = { enable: false, languages: ['markdown', 3, ''], debounceMs: 99999, maxDocumentSize: 'big', 'outline.showInlineItems': true, rules: ['x'], documentType: '' };
    const s = readSettings((k) => values[k]);
    expect(s.enable).toBe(false);
    expect(s.languages).toEqual(['markdown']);
    expect(s.debounceMs).toBe(5000);
    expect(s.maxDocumentSize).toBe(DEFAULT_SETTINGS.maxDocumentSize);
    expect(s.showInlineItems).toBe(true);
    expect(s.rules).toEqual({});
    expect(s.documentType).toBe('auto');
    expect(readSettings(() => undefined)).toEqual(DEFAULT_SETTINGS);
  });
});

describe('document selection', () => {
  it('lints the dangjian language always and Markdown/plain text only when they read as drafts', () => {
    const s = settings();
    expect(selectDocument({ languageId: 'dangjian' }, s)).toBe('lint');
    expect(selectDocument({ languageId: 'markdown' }, s)).toBe('detect');
    expect(selectDocument({ languageId: 'plaintext' }, s)).toBe('detect');
    expect(selectDocument({ languageId: 'typescript' }, s)).toBe('skip');
    expect(isLinted('detect', buildModel(DRAFT))).toBe(true);
    expect(isLinted('detect', buildModel(NOTE, 'markdown'))).toBe(false);
    expect(isLinted('lint', buildModel(NOTE, 'markdown'))).toBe(true);
  });

  it('with detection off lints every document of the listed languages', () => {
    const s = settings({ detectDrafts: false });
    expect(selectDocument({ languageId: 'markdown' }, s)).toBe('lint');
    expect(isLinted(selectDocument({ languageId: 'markdown' }, s), buildModel(NOTE, 'markdown'))).toBe(true);
  });

  it('honours the language list, enable, the size limit and non-document schemes', () => {
    expect(selectDocument({ languageId: 'markdown' }, settings({ languages: ['plaintext'] }))).toBe('skip');
    expect(selectDocument({ languageId: 'dangjian' }, settings({ languages: [] }))).toBe('lint');
    expect(selectDocument({ languageId: 'dangjian' }, settings({ enable: false }))).toBe('skip');
    expect(selectDocument({ languageId: 'dangjian', length: 2000 }, settings({ maxDocumentSize: 1000 }))).toBe('skip');
    expect(selectDocument({ languageId: 'plaintext', scheme: 'output' }, settings())).toBe('skip');
    expect(selectDocument({ languageId: 'plaintext', scheme: 'git' }, settings())).toBe('skip');
    expect(selectDocument({ languageId: 'plaintext', scheme: 'untitled' }, settings())).toBe('detect');
  });

  it('knows the language a file gets from its name', () => {
    expect(languageOfPath('/w/报告.dj.txt')).toBe('dangjian');
    expect(languageOfPath('/w/稿.GW.TXT')).toBe('dangjian');
    expect(languageOfPath('/w/a.md')).toBe('markdown');
    expect(languageOfPath('/w/a.txt')).toBe('plaintext');
    expect(languageOfPath('/w/a.json')).toBeUndefined();
  });
});

describe('configCandidates', () => {
  it('looks in the folder and then each folder above it, like the CLI', () => {
    expect(configCandidates('/a/b')).toEqual(['/a/b/.dangjianrc.json', '/a/.dangjianrc.json', '/.dangjianrc.json']);
    expect(configCandidates('/')).toEqual(['/.dangjianrc.json']);
  });
});

describe('resolveEditorConfig: settings merged with .dangjianrc.json', () => {
  it('uses the settings where there is no file', () => {
    const r = resolveEditorConfig({ settings: settings({ rules: { 'punctuation-width': 'off' }, documentType: 'speech' }), trusted: true }, RULES);
    expect(r.config.rules.get('punctuation-width')?.severity).toBe('off');
    expect(r.config.documentType).toBe('speech');
    expect(r.fileProblems).toEqual([]);
  });

  it('lets the file win key by key, and the settings fill in the rest', () => {
    const fileText = JSON.stringify({ rules: { 'punctuation-width': 'error' }, documentType: 'summary' });
    const r = resolveEditorConfig({ fileText, settings: settings({ rules: { 'punctuation-width': 'off', placeholder: 'warning' }, documentType: 'speech' }), trusted: true }, RULES);
    expect(r.config.rules.get('punctuation-width')?.severity).toBe('error');
    expect(r.config.rules.get('placeholder')?.severity).toBe('warning');
    expect(r.config.documentType).toBe('summary');
  });

  it('lets a type picked for one document win over both, and `auto` force detection from the title', () => {
    const fileText = JSON.stringify({ documentType: 'summary' });
    const s = settings({ documentType: 'speech' });
    expect(resolveEditorConfig({ fileText, settings: s, trusted: true, documentTypeOverride: 'work-report' }, RULES).config.documentType).toBe('work-report');
    expect(resolveEditorConfig({ fileText, settings: s, trusted: true, documentTypeOverride: 'auto' }, RULES).config.documentType).toBeUndefined();
  });

  it('knows types the file adds, for the settings and the override', () => {
    const fileText = JSON.stringify({ documentTypes: { memo: { name: '备忘', titleCues: ['备忘'], requiredSections: [] } } });
    const r = resolveEditorConfig({ fileText, settings: settings({ documentType: 'memo' }), trusted: true }, RULES);
    expect(r.settingsProblems).toEqual([]);
    expect(r.config.documentType).toBe('memo');
  });

  it('reports a bad file at the key it names and goes on with the defaults and the settings', () => {
    const fileText = '{\n  "rules": {\n    "no-such-rule": "off",\n    "placeholder": "off"\n  }\n}';
    const r = resolveEditorConfig({ fileText, settings: settings({ rules: { 'punctuation-width': 'info' } }), trusted: true }, RULES);
    expect(r.fileProblems).toHaveLength(1);
    expect(r.fileProblems[0]!.message).toContain('no-such-rule');
    expect(r.fileProblems[0]!.severity).toBe('error');
    const start = fileText.indexOf('"no-such-rule"');
    expect(r.fileProblems[0]!.range).toEqual({ start, end: start + '"no-such-rule"'.length });
    expect(r.config.rules.get('placeholder')?.severity).toBe('error'); // the file was set aside as a whole
    expect(r.config.rules.get('punctuation-width')?.severity).toBe('info');
  });

  it('reports a file that is not JSON at the offending character', () => {
    const fileText = '{"rules": {"placeholder": "off",}}';
    const r = resolveEditorConfig({ fileText, settings: settings(), trusted: true }, RULES);
    expect(r.fileProblems[0]!.message).toMatch(/^不是合法的 JSON/);
    expect(r.fileProblems[0]!.range?.start).toBe(fileText.indexOf('}'));
    expect(r.config.rules.get('placeholder')?.severity).toBe('error');
  });

  it('reports unusable settings without failing', () => {
    const r = resolveEditorConfig({ settings: settings({ rules: { 'no-such-rule': 'off', placeholder: 'loud' as never }, documentType: 'memo' }), trusted: true }, RULES);
    expect(r.settingsProblems).toHaveLength(3);
    expect(r.config.documentType).toBeUndefined();
  });

  it('ignores the file’s placeholders and formulations in an untrusted workspace, and says so on the file', () => {
    const fileText = JSON.stringify({
      rules: { 'punctuation-width': 'off' },
      placeholders: ['待定'],
      formulations: [{ term: '三个务必', members: ['甲', '乙', '丙'], source: '测试' }],
    });
    const trusted = resolveEditorConfig({ fileText, settings: settings(), trusted: true }, RULES);
    expect(trusted.config.placeholders).toEqual(['待定']);
    expect(trusted.config.formulations).toHaveLength(1);
    expect(trusted.ignored).toEqual([]);
    const untrusted = resolveEditorConfig({ fileText, settings: settings(), trusted: false }, RULES);
    expect(untrusted.config.placeholders).toEqual([]);
    expect(untrusted.config.formulations).toEqual([]);
    expect(untrusted.config.rules.get('punctuation-width')?.severity).toBe('off');
    expect(untrusted.ignored).toEqual(['placeholders', 'formulations']);
    expect(untrusted.fileProblems.map((p) => p.severity)).toEqual(['info', 'info']);
    expect(untrusted.fileProblems[0]!.range?.start).toBe(fileText.indexOf('"placeholders"'));
    // The pattern really is not applied: 待定 is a placeholder only when trusted.
    const text = '某局工作总结\n一、主要做法\n人数待定。';
    const ids = (c: typeof trusted) => lint(text, RULES, { config: c.config }).findings.filter((f) => f.ruleId === 'placeholder').length;
    expect(ids(trusted)).toBe(1);
    expect(ids(untrusted)).toBe(0);
  });
});
