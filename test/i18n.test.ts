/**
 * English diagnostics (issue 3 item 9): every message a rule builds has an English template, the
 * English messages are English apart from what they quote, and Chinese stays the default.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../src/core/lint';
import { resolveConfig } from '../src/core/config';
import { DEFAULT_DOCUMENT_TYPES, GENERIC_TYPE } from '../src/core/doctypes';
import type { DocumentFormat } from '../src/core/model';
import { fillTemplate, localeOf, missingTranslations, placeholdersOf, translate, translator } from '../src/core/i18n';
import { MESSAGES_EN } from '../src/core/messages.en';
import { RULES } from '../src/rules';
import { FORMULATIONS } from '../src/rules/data/formulations';

const ROOT = join(__dirname, '..');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(txt|md)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

function formatOf(file: string): DocumentFormat {
  return file.endsWith('.md') ? 'markdown' : 'text';
}

const DRAFTS = [...walk(join(ROOT, 'test/fixtures/rules')), ...walk(join(ROOT, 'test/fixtures/fix')), ...walk(join(ROOT, 'examples'))];

/** Drafts for the messages no fixture gives: number-format, the rarer placeholders and formulations. */
const EXTRA_DRAFTS = [
  [
    '全年发展党员１８名，共有4千名党员，另有3千5百名群众。',
    '覆盖率提高15～30%，投入3～5万元，规划期为2023-2025年。',
    '约300余人参加，大约50人左右到场。',
    '学习贯彻20大精神和十九届6中全会精神，落实19届中央委员会第6次全体会议部署，回顾党的20次全国代表大会。',
    '由××同志负责，某某单位配合，〇〇村落实【待补充】（略）TODO，联系人张三丰。',
    '坚决反对奢靡主义，党委要发挥把方向、保落实、管大局作用。是否落实?我们要落实!',
  ].join('\n\n'),
  '一、主要工作\n\n（１）加强学习\n\n开展学习。第一、抓好学习；第二、抓好落实。\n',
  '2024年度述职报告\n\n一、存在的问题\n\n学习不够深入。\n\n二、下一步打算\n\n加强学习。\n',
];
const EXTRA_CONFIG = resolveConfig({ placeholders: ['张三丰'] }, RULES);

/** Templates no draft can produce: the fallback reason of a marker style that is never corrected. */
const UNREACHABLE = new Set(['序号标点不规范']);

/** 汉字, CJK punctuation (，。：) and full-width forms (（）％). */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

/**
 * The CJK characters of a message that stand outside “…” and （…）, where an English message
 * quotes the draft (nesting allowed: a quoted source may hold quotes of its own).
 */
function cjkOutsideQuotes(message: string): string {
  let quotes = 0;
  let parens = 0;
  let out = '';
  for (const c of message) {
    if (c === '“') quotes++;
    else if (c === '”') quotes = Math.max(0, quotes - 1);
    else if (c === '（') parens++;
    else if (c === '）') parens = Math.max(0, parens - 1);
    else if (quotes === 0 && parens === 0 && CJK.test(c)) out += c;
  }
  return out;
}

/** A regular expression for the messages an English template gives (any text for a placeholder). */
function patternOf(template: string): RegExp {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = template.split(/(\{[^{}]*\})/).map((part, i) => {
    if (i % 2 === 0) return escape(part);
    const words = part.slice(1, -1).split('|').slice(1);
    return words.length ? `(?:${words.map(escape).join('|')})` : '[^]*?';
  });
  return new RegExp(parts.join(''), 'u');
}

/** The Chinese templates the rules pass to t (or to a helper's `tr`), read from their source. */
function templatesInRules(): string[] {
  const dir = join(ROOT, 'src/rules');
  const out = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(dir, name), 'utf8');
    for (const m of src.matchAll(/\btr?\(\s*'((?:\\.|[^'\\])*)'/g)) out.add(m[1]!.replace(/\\(.)/g, '$1'));
  }
  return [...out].sort();
}

describe('i18n: translate', () => {
  it('fills named placeholders once, and leaves unknown ones as written', () => {
    expect(fillTemplate('序号应为“{expected}”，此处为“{found}”', { expected: '二、', found: '{found}' })).toBe('序号应为“二、”，此处为“{found}”');
    expect(fillTemplate('{a}{b}', { a: 1 })).toBe('1{b}');
  });

  it('chooses a word by count with {name|one|other}', () => {
    expect(fillTemplate('{n} {n|item|items}', { n: 1 })).toBe('1 item');
    expect(fillTemplate('{n} {n|item|items}', { n: 3 })).toBe('3 items');
    expect(placeholdersOf('{n} {n|item|items} of {total}')).toEqual(['n', 'total']);
  });

  it('returns Chinese unchanged for zh-cn and English for en', () => {
    const tpl = '序号应为“{expected}”，此处为“{found}”';
    expect(translate('zh-cn', tpl, { expected: '二、', found: '三、' })).toBe('序号应为“二、”，此处为“三、”');
    expect(translate('en', tpl, { expected: '二、', found: '三、' })).toBe('Expected “二、”, found “三、”');
    expect(translator('en')('问题')).toBe('problems');
  });

  it('falls back to the Chinese template and records the miss', () => {
    const tpl = '这条模板没有英文{x}';
    expect(translate('en', tpl, { x: '！' })).toBe('这条模板没有英文！');
    expect(missingTranslations.has(`en\t${tpl}`)).toBe(true);
    missingTranslations.delete(`en\t${tpl}`);
  });

  it('reads a locale from a language tag', () => {
    expect(localeOf('en')).toBe('en');
    expect(localeOf('en-US')).toBe('en');
    expect(localeOf('zh-cn')).toBe('zh-cn');
    expect(localeOf('de')).toBe('zh-cn');
    expect(localeOf(undefined)).toBe('zh-cn');
  });
});

describe('i18n: messages.en.ts', () => {
  it('has an English template for every template the rules use', () => {
    const templates = templatesInRules();
    expect(templates.length).toBeGreaterThan(40);
    expect(templates.filter((t) => !(t in MESSAGES_EN))).toEqual([]);
  });

  it('has the names the rules fill in: document types, their sections, and the sources of the formulations', () => {
    const names = [
      GENERIC_TYPE.name,
      ...DEFAULT_DOCUMENT_TYPES.flatMap((d) => [d.name, ...d.requiredSections.map((r) => r.name)]),
      ...FORMULATIONS.map((f) => f.source),
    ];
    expect(names.filter((n) => !(n in MESSAGES_EN))).toEqual([]);
  });

  it('keeps the placeholders of each template', () => {
    const bad = Object.entries(MESSAGES_EN).filter(([zh, en]) => placeholdersOf(zh).join() !== placeholdersOf(en).join());
    expect(bad).toEqual([]);
  });

  it('writes English outside what it quotes', () => {
    const bad = Object.entries(MESSAGES_EN).filter(([, en]) => cjkOutsideQuotes(en) !== '');
    expect(bad).toEqual([]);
  });
});

describe('i18n: linting the fixtures and examples in English', () => {
  it('finds drafts to lint', () => {
    expect(DRAFTS.length).toBeGreaterThan(100);
    expect(DRAFTS.some((f) => f.includes('examples'))).toBe(true);
  });

  const seenRules = new Set<string>();
  for (const file of DRAFTS) {
    const name = file.slice(ROOT.length + 1);
    it(name, () => {
      const text = readFileSync(file, 'utf8');
      const options: LintOptions = { format: formatOf(file) };
      const byDefault = lint(text, RULES, options).findings;
      const zh = lint(text, RULES, { ...options, locale: 'zh-cn' }).findings;
      const en = lint(text, RULES, { ...options, locale: 'en' }).findings;
      expect(zh).toEqual(byDefault);
      // The same findings, fixes and severities: only the messages differ.
      expect(en.map((f) => ({ ...f, message: '' }))).toEqual(byDefault.map((f) => ({ ...f, message: '' })));
      for (const f of en) {
        seenRules.add(f.ruleId);
        expect(cjkOutsideQuotes(f.message), `${f.ruleId}: ${f.message}`).toBe('');
      }
    });
  }

  const messages: string[] = [];
  EXTRA_DRAFTS.forEach((text, i) => {
    it(`extra draft ${i + 1}`, () => {
      const byDefault = lint(text, RULES, { config: EXTRA_CONFIG }).findings;
      const en = lint(text, RULES, { config: EXTRA_CONFIG, locale: 'en' }).findings;
      expect(en.map((f) => ({ ...f, message: '' }))).toEqual(byDefault.map((f) => ({ ...f, message: '' })));
      for (const f of en) {
        seenRules.add(f.ruleId);
        messages.push(f.message);
        expect(cjkOutsideQuotes(f.message), `${f.ruleId}: ${f.message}`).toBe('');
      }
    });
  });

  it('every rule spoke English somewhere, and no template was missing', () => {
    expect(RULES.map((r) => r.id).filter((id) => !seenRules.has(id))).toEqual([]);
    expect([...missingTranslations]).toEqual([]);
  });

  it('every template of the rules was rendered in English at least once', () => {
    for (const file of DRAFTS) messages.push(...lint(readFileSync(file, 'utf8'), RULES, { format: formatOf(file), locale: 'en' }).findings.map((f) => f.message));
    const unseen = templatesInRules().filter((zh) => !UNREACHABLE.has(zh) && !messages.some((m) => patternOf(MESSAGES_EN[zh]!).test(m)));
    expect(unseen).toEqual([]);
  });
});

describe('i18n: names from the config', () => {
  it('shows a type, section and source the config adds as written, without counting them as missing', () => {
    const config = resolveConfig(
      {
        documentType: 'lecture',
        documentTypes: { lecture: { name: '党课讲稿', titleCues: ['党课'], requiredSections: [{ name: '体会', words: ['体会', '心得'] }] } },
        formulations: [{ term: '两个测试', members: ['甲项', '乙项'], source: '自编出处' }],
      },
      RULES,
    );
    const text = '关于党课的讲稿\n\n一、主要内容\n\n两个测试即乙项、甲项。\n\n二、下一步\n\n继续努力。\n';
    const before = missingTranslations.size;
    const en = lint(text, RULES, { config, locale: 'en' }).findings;
    expect(en.find((f) => f.ruleId === 'required-section')?.message).toBe(
      'The 党课讲稿 lacks a “体会” part: a top-level heading should contain one of “体会”, “心得”',
    );
    expect(en.find((f) => f.ruleId === 'formulation')?.message).toBe('“两个测试” should read “甲项、乙项”; the order here is “乙项、甲项” (source: 自编出处)');
    expect(missingTranslations.size).toBe(before);
  });

  it('translates the built-in formulation sources', () => {
    const en = lint('我们要增强四个意识，即政治意识、核心意识、大局意识、看齐意识。\n', RULES, { locale: 'en' }).findings;
    const f = en.find((x) => x.ruleId === 'formulation');
    expect(f?.message).toBe(
      '“四个意识” should read “政治意识、大局意识、核心意识、看齐意识”; the order here is “政治意识、核心意识、大局意识、看齐意识” (source: Constitution of the Communist Party of China)',
    );
  });
});
