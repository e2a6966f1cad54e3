/**
 * The .docx export: the page setup, fonts per level and page-number footers GB/T 9704-2012
 * prescribes, checked in the exported file's XML; and the text, paragraph for paragraph.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { exportDocx } from '../src/core/docx/export';
import { readDocx } from '../src/core/docx/read';
import { lint } from '../src/core/lint';
import { buildModel, formatOf, type DocumentFormat } from '../src/core/model';
import { RULES } from '../src/rules';
import { all, child, type El, one, openDocx, textOf } from './helpers/docx-xml';

const TWIPS_PER_MM = 1440 / 25.4;

/** An original draft with a run-in heading at each of the four levels. */
const LEVELS = [
  '关于2025年度机关党建工作的总结',
  '今年以来，机关党委坚持把党的建设摆在首位，各项工作有序推进。',
  '一、主要工作',
  '（一）抓好理论学习。全年集中学习12次，专题研讨4次。',
  '1.完善学习制度。修订学习计划，建立学习台账。',
  '（1）落实领学制度。支部书记每季度领学一次。',
  '二、存在的问题',
  '学习的系统性还不够强。',
].join('\n');

async function exported(text: string, format: DocumentFormat = 'text') {
  return openDocx(await exportDocx(buildModel(text, format)));
}

const attr = (el: El | undefined, name: string): string | undefined => el?.attrs[name];
const pPr = (p: El): El => child(p, 'w:pPr')!;
const runs = (p: El): El[] => p.children.filter((c) => c.name === 'w:r');

/** The font a run names for Chinese and for Latin text, and its size in half-points. */
function runFont(r: El): { eastAsia?: string; ascii?: string; hAnsi?: string; hint?: string; sz?: string } {
  const rPr = child(r, 'w:rPr');
  const fonts = rPr && child(rPr, 'w:rFonts');
  return {
    eastAsia: attr(fonts, 'w:eastAsia'),
    ascii: attr(fonts, 'w:ascii'),
    hAnsi: attr(fonts, 'w:hAnsi'),
    hint: attr(fonts, 'w:hint'),
    sz: attr(rPr && child(rPr, 'w:sz'), 'w:val'),
  };
}

/** The font named the same way for every script, as Word and WPS both need to pick it up. */
const named = (font: string, sz: number) => ({ eastAsia: font, ascii: font, hAnsi: font, hint: 'eastAsia', sz: String(sz) });

describe('the page (GB/T 9704-2012 body text)', () => {
  it('is A4 with margins of 37, 35, 28 and 26 mm (top, bottom, left, right)', async () => {
    const doc = await exported(LEVELS);
    const sect = one(doc.xml('word/document.xml'), 'w:sectPr');
    const size = child(sect, 'w:pgSz')!;
    expect(Number(size.attrs['w:w']) / TWIPS_PER_MM).toBeCloseTo(210, 1);
    expect(Number(size.attrs['w:h']) / TWIPS_PER_MM).toBeCloseTo(297, 1);
    const margin = child(sect, 'w:pgMar')!;
    const mm = (side: string) => Number(margin.attrs[`w:${side}`]) / TWIPS_PER_MM;
    expect([mm('top'), mm('bottom'), mm('left'), mm('right')].map((n) => Math.round(n * 10) / 10)).toEqual([37, 35, 28, 26]);
  });

  it('has a grid of 22 lines of 28 characters of 3号 text', async () => {
    const doc = await exported(LEVELS);
    const sect = one(doc.xml('word/document.xml'), 'w:sectPr');
    const n = (el: El, a: string) => Number(el.attrs[a]);
    const size = child(sect, 'w:pgSz')!;
    const margin = child(sect, 'w:pgMar')!;
    const grid = child(sect, 'w:docGrid')!;
    expect(grid.attrs['w:type']).toBe('linesAndChars');
    // Word fits as many lines as whole pitches go into the type area's height.
    const typeHeight = n(size, 'w:h') - n(margin, 'w:top') - n(margin, 'w:bottom');
    expect(Math.floor(typeHeight / n(grid, 'w:linePitch'))).toBe(22);
    // The character pitch is the Normal font size plus charSpace (in 1/4096 pt); the Normal size is 3号.
    const defaults = one(doc.xml('word/styles.xml'), 'w:rPrDefault');
    expect(one(defaults, 'w:sz').attrs['w:val']).toBe('32');
    const pitchPt = 16 + n(grid, 'w:charSpace') / 4096;
    const typeWidthPt = (n(size, 'w:w') - n(margin, 'w:left') - n(margin, 'w:right')) / 20;
    expect(Math.floor(typeWidthPt / pitchPt)).toBe(28);
    // Every paragraph takes exactly one grid line per line, whatever font stands in.
    for (const p of doc.paragraphs) {
      const spacing = child(pPr(p), 'w:spacing')!;
      expect([spacing.attrs['w:line'], spacing.attrs['w:lineRule']]).toEqual([grid.attrs['w:linePitch'], 'exact']);
    }
  });

  it('numbers pages `— 1 —` in 4号 宋体: odd pages at the right, even pages at the left, one character in', async () => {
    const doc = await exported(LEVELS);
    expect(all(doc.xml('word/settings.xml'), 'w:evenAndOddHeaders')).toHaveLength(1);
    const rels = all(doc.xml('word/_rels/document.xml.rels'), 'Relationship');
    const sect = one(doc.xml('word/document.xml'), 'w:sectPr');
    const footer = (type: string): El => {
      const ref = all(sect, 'w:footerReference').find((f) => f.attrs['w:type'] === type)!;
      const target = rels.find((r) => r.attrs.Id === ref.attrs['r:id'])!.attrs.Target!;
      return one(doc.xml(`word/${target}`), 'w:p');
    };
    for (const [type, side] of [['default', 'right'], ['even', 'left']] as const) {
      const p = footer(type);
      expect(attr(child(pPr(p), 'w:jc'), 'w:val'), type).toBe(side);
      expect(Number(attr(child(pPr(p), 'w:ind'), `w:${side}`)), type).toBe(14 * 20);
      expect(attr(child(pPr(p), 'w:snapToGrid'), 'w:val'), type).toBe('0');
      // "— ", then the PAGE field, then " —".
      const pieces = runs(p).flatMap((r) => {
        const t = child(r, 'w:t');
        const instr = child(r, 'w:instrText');
        const fld = child(r, 'w:fldChar');
        return t ? [t.text] : instr ? [`{${instr.text.trim()}}`] : fld ? [`<${fld.attrs['w:fldCharType']}>`] : [];
      });
      expect(pieces.join(''), type).toBe('— <begin>{PAGE}<separate><end> —');
      for (const r of runs(p)) expect(runFont(r), type).toEqual(named('宋体', 28));
    }
  });
});

describe('fonts and paragraphs', () => {
  it('sets the title in 方正小标宋简体 2号, centred, unindented, with a line of space below', async () => {
    const doc = await exported(LEVELS);
    const title = doc.paragraphs[0]!;
    expect(textOf(title)).toBe('关于2025年度机关党建工作的总结');
    expect(attr(child(pPr(title), 'w:jc'), 'w:val')).toBe('center');
    expect(child(pPr(title), 'w:ind')).toBeUndefined();
    const spacing = child(pPr(title), 'w:spacing')!;
    expect(spacing.attrs['w:after']).toBe(spacing.attrs['w:line']);
    expect(runs(title).map(runFont)).toEqual([named('方正小标宋简体', 44)]);
    // Off the character grid, or Word gives each 2号 character two 3号 cells and spreads the title.
    expect(attr(child(pPr(title), 'w:snapToGrid'), 'w:val')).toBe('0');
    // In the schema's order (Word rejects a file whose w:pPr is out of order).
    expect(pPr(title).children.map((c) => c.name)).toEqual(['w:snapToGrid', 'w:spacing', 'w:jc']);
    expect(doc.paragraphs.slice(1).filter((p) => child(pPr(p), 'w:snapToGrid'))).toEqual([]);
  });

  it('sets body text in 仿宋_GB2312 3号, justified, with a first-line indent of two characters', async () => {
    const doc = await exported(LEVELS);
    const body = doc.paragraphs[1]!;
    expect(runs(body).map(runFont)).toEqual([named('仿宋_GB2312', 32)]);
    expect(attr(child(pPr(body), 'w:jc'), 'w:val')).toBe('both');
    const ind = child(pPr(body), 'w:ind')!;
    expect(ind.attrs['w:firstLineChars']).toBe('200');
    expect(Number(ind.attrs['w:firstLine'])).toBe(2 * 16 * 20);
  });

  it('sets headings in 黑体 (一、), 楷体_GB2312 (（一）) and 仿宋_GB2312 (1. and （1）), the rest of a run-in paragraph in 仿宋', async () => {
    const doc = await exported(LEVELS);
    const fonts = (i: number) => runs(doc.paragraphs[i]!).map((r) => [child(r, 'w:t')!.text, runFont(r).eastAsia, runFont(r).sz]);
    expect(fonts(2)).toEqual([['一、主要工作', '黑体', '32']]);
    expect(fonts(3)).toEqual([
      ['（一）抓好理论学习。', '楷体_GB2312', '32'],
      ['全年集中学习12次，专题研讨4次。', '仿宋_GB2312', '32'],
    ]);
    expect(fonts(4)[0]).toEqual(['1.完善学习制度。', '仿宋_GB2312', '32']);
    expect(fonts(5)[0]).toEqual(['（1）落实领学制度。', '仿宋_GB2312', '32']);
    expect(fonts(6)).toEqual([['二、存在的问题', '黑体', '32']]);
    for (const i of [2, 3, 4, 5, 6]) {
      for (const r of runs(doc.paragraphs[i]!)) expect(runFont(r).ascii).toBe(runFont(r).eastAsia);
      expect(child(pPr(doc.paragraphs[i]!), 'w:ind')!.attrs['w:firstLineChars']).toBe('200');
    }
  });

  it('writes one Word paragraph per draft paragraph: blank lines dropped, markers typed, Markdown markup gone', async () => {
    const md = ['# 关于机关党建工作情况的报告', '', '县委组织部：', '', '## 一、主要工作', '', '### （一）抓实**理论学习**', '', '1. 集中学习6次。', '2. 专题研讨2次。', '', '> 引述的一段话。', '', '```', '代码块不是正文', '```'].join('\n');
    const doc = await exported(md, 'markdown');
    expect(doc.paragraphs.map(textOf)).toEqual(buildModel(md, 'markdown').paragraphs.map((p) => p.text));
    expect(doc.paragraphs.map(textOf)).toEqual(['关于机关党建工作情况的报告', '县委组织部：', '一、主要工作', '（一）抓实理论学习', '1.集中学习6次。', '2.专题研讨2次。', '引述的一段话。']);
    // Markers are text, not Word list numbering.
    expect(all(doc.xml('word/document.xml'), 'w:numPr')).toEqual([]);
  });

  it('keeps an outline pasted before the title as body text, and styles the body’s own headings', async () => {
    const text = ['一、主要工作', '二、存在问题', '关于党建工作的报告', '一、主要工作', '做了很多工作。', '二、存在问题', '还有不足。'].join('\n');
    const doc = await exported(text);
    const first = (i: number) => runFont(runs(doc.paragraphs[i]!)[0]!).eastAsia;
    expect([0, 1, 2, 3, 5].map(first)).toEqual(['仿宋_GB2312', '仿宋_GB2312', '方正小标宋简体', '黑体', '黑体']);
    expect(doc.paragraphs.map(textOf)).toEqual(text.split('\n'));
  });

  it('names the title in the document properties, and no made-up author', async () => {
    const doc = await exported(LEVELS);
    const core = doc.xml('docProps/core.xml');
    expect(one(core, 'dc:title').text).toBe('关于2025年度机关党建工作的总结');
    expect(all(core, 'dc:creator').map((c) => c.text)).not.toContain('Un-named');
    expect(all(core, 'cp:lastModifiedBy').map((c) => c.text)).not.toContain('Un-named');
    const titled = openDocx(await exportDocx(buildModel(LEVELS), { title: '另一个标题' }));
    expect(one(titled.xml('docProps/core.xml'), 'dc:title').text).toBe('另一个标题');
  });

  it('writes a well-formed file even when the draft holds characters XML cannot (a pasted control character)', async () => {
    const doc = await exported('关于党建工作的报告\n正文\u0007有一个响铃符，\ud800还有半个代理对。');
    // Parsing would throw on the raw characters; the replacements keep every column where it was.
    expect(textOf(doc.paragraphs[1]!)).toBe('正文\ufffd有一个响铃符，\ufffd还有半个代理对。');
  });

  it('replaces each character XML 1.0 cannot hold with one U+FFFD, in the text and in the title property, and keeps those it can', async () => {
    const line = '甲\u0000乙\u0008丙\u000b丁\u000c戊\u001f己\ufffe庚\uffff辛\udc00壬\ud800癸';
    const kept = '\t𠮷\u00a0\u3000\ufeff\u200b';
    const model = buildModel(`关于党建工作的报告\n${line}${kept}末`);
    expect(model.paragraphs[1]!.text, 'the draft as typed').toBe(`${line}${kept}末`);
    const doc = openDocx(await exportDocx(model, { title: '标题\u0001\ud83d' }));
    expect(textOf(doc.paragraphs[1]!)).toBe(`甲\ufffd乙\ufffd丙\ufffd丁\ufffd戊\ufffd己\ufffd庚\ufffd辛\ufffd壬\ufffd癸${kept}末`);
    expect(one(doc.xml('docProps/core.xml'), 'dc:title').text).toBe('标题\ufffd\ufffd');
  });

  it('writes XML’s markup characters as text, in the paragraphs and in the title property', async () => {
    const title = '关于“A&B”<试点>和"C"\'D\'工作的报告';
    const lines = [title, '一、R&D投入 > 上年，< 预期；"双百" & \'三化\'', '正文&amp;不是实体，&#20013;也不是，<w:t>也不是标签，]]>也不是。'];
    const doc = await exported(lines.join('\n'));
    expect(doc.paragraphs.map(textOf)).toEqual(lines);
    expect(one(doc.xml('docProps/core.xml'), 'dc:title').text).toBe(title);
  });

  it('keeps the space that starts the body text of a run-in heading, where the paragraph is split into runs', async () => {
    const text = '关于党建工作的报告\n（一）抓好学习。 全年学习12次，  每次半天。';
    const doc = await exported(text);
    const pieces = runs(doc.paragraphs[1]!).map((r) => child(r, 'w:t')!);
    expect(pieces.map((t) => t.text)).toEqual(['（一）抓好学习。', ' 全年学习12次，  每次半天。']);
    // Without it Word drops a run's leading and trailing spaces and collapses doubled ones (parsers here keep them).
    expect(pieces[1]!.attrs['xml:space']).toBe('preserve');
    expect(readDocx(await exportDocx(buildModel(text))).text).toBe(text);
  });

  it('an empty draft is an empty document: the page setup and page numbers, no paragraph, no title', async () => {
    for (const text of ['', '\n \n\u3000\n']) {
      const doc = await exported(text);
      expect(doc.paragraphs, JSON.stringify(text)).toEqual([]);
      expect(child(one(doc.xml('word/document.xml'), 'w:sectPr'), 'w:docGrid')!.attrs['w:linePitch']).toBe('579');
      expect(all(doc.xml('word/footer1.xml'), 'w:instrText').map((i) => i.text)).toEqual(['PAGE']);
      expect(all(doc.xml('docProps/core.xml'), 'dc:title')).toEqual([]);
      expect(readDocx(await exportDocx(buildModel(text))).text).toBe('');
    }
  });
});

describe('the package', () => {
  /** A part name relative to the package root, from a relationship's target and its source's folder. */
  const resolve = (dir: string, target: string) => path.posix.normalize(path.posix.join(dir, target)).replace(/^\//, '');

  it('is complete as Word checks it: each part well-formed with its prefixes bound, typed, and every relationship’s target present', async () => {
    const doc = await exported(LEVELS);
    const names = Object.keys(doc.parts);
    expect(names[0], 'the content types come first in the zip').toBe('[Content_Types].xml');
    for (const name of names) {
      // Namespace-aware: a prefix used but not declared makes Word refuse the file.
      const parser = new SaxesParser({ xmlns: true });
      expect(() => parser.write(doc.parts[name]!).close(), name).not.toThrow();
    }
    const types = doc.xml('[Content_Types].xml');
    const overrides = new Map(all(types, 'Override').map((o) => [o.attrs.PartName!.slice(1), o.attrs.ContentType!]));
    const defaults = new Set(all(types, 'Default').map((d) => d.attrs.Extension!));
    for (const name of names.filter((n) => n !== '[Content_Types].xml')) {
      expect(overrides.has(name) || defaults.has(name.slice(name.lastIndexOf('.') + 1)), `a content type for ${name}`).toBe(true);
    }
    for (const part of overrides.keys()) expect(names, 'an override for a part that exists').toContain(part);
    expect(overrides.get('word/document.xml')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
    const targets = (rels: string, dir: string) => all(doc.xml(rels), 'Relationship').map((r) => resolve(dir, r.attrs.Target!));
    expect(targets('_rels/.rels', '')).toEqual(['word/document.xml', 'docProps/core.xml', 'docProps/app.xml']);
    // Word opens a part as the type its content type says; application/xml (the default for .xml) is none of them.
    for (const rel of all(doc.xml('word/_rels/document.xml.rels'), 'Relationship')) {
      const kind = rel.attrs.Type!.slice(rel.attrs.Type!.lastIndexOf('/') + 1);
      expect(overrides.get(resolve('word', rel.attrs.Target!)), kind).toBe(`application/vnd.openxmlformats-officedocument.wordprocessingml.${kind}+xml`);
    }
    expect(overrides.get('docProps/core.xml')).toBe('application/vnd.openxmlformats-package.core-properties+xml');
    const ids = all(doc.xml('word/_rels/document.xml.rels'), 'Relationship').map((r) => r.attrs.Id);
    expect(new Set(ids).size, 'relationship ids are unique').toBe(ids.length);
  });
});

describe('round trip: exported, then read back with the .docx reader', () => {
  const EXAMPLES = path.resolve(__dirname, '../examples');

  /**
   * What a draft's findings are, paragraph by paragraph: rule, severity, message and the 1-based
   * paragraph it is in (the line, once the draft is one paragraph per line).
   */
  function findingsByParagraph(text: string, format: DocumentFormat): [string, string, string, number][] {
    const { findings, model } = lint(text, RULES, { format });
    const paragraphOf = (offset: number) => model.paragraphs.filter((p) => p.range.start <= offset).length;
    return findings.map((f) => [f.ruleId, f.severity, f.message, paragraphOf(f.range.start)]);
  }

  const examples = readdirSync(EXAMPLES).filter((f) => /\.(txt|md)$/.test(f));
  it('covers every example draft, and some of them have findings to compare', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    const total = examples.reduce((n, f) => n + findingsByParagraph(readFileSync(path.join(EXAMPLES, f), 'utf8'), formatOf(f)).length, 0);
    expect(total).toBeGreaterThan(3);
  });

  for (const name of examples) {
    it(`${name}: reads back as its paragraphs, one per line, and lints the same`, async () => {
      const source = readFileSync(path.join(EXAMPLES, name), 'utf8');
      const model = buildModel(source, formatOf(name));
      // The original re-flowed: its paragraphs' text (Markdown markup gone), one per line, no blank lines.
      const reflowed = model.paragraphs.map((p) => p.text).join('\n');
      const back = readDocx(await exportDocx(model));
      expect(back.text).toBe(reflowed);
      const findings = findingsByParagraph(back.text, 'text');
      expect(findings).toEqual(findingsByParagraph(reflowed, 'text'));
      // And the same as the draft as written, each finding in the same paragraph.
      expect(findings).toEqual(findingsByParagraph(source, formatOf(name)));
    });
  }
});

describe('round trip of awkward text', () => {
  it('keeps inner spaces, a tab, full-width spaces, XML’s special characters and characters outside the BMP', async () => {
    const lines = ['关于𠮷祥村党建工作的报告', '一、A&B  <C> "D"\tE', '正文　有全角空格，也有 半角 空格。'];
    const back = readDocx(await exportDocx(buildModel(lines.join('\n'))));
    expect(back.paragraphs.map((p) => p.text)).toEqual(lines);
  });
});
