import { describe, expect, it } from 'vitest';
import { buildModel, type DocumentModel, type Section } from '../src/core/model';
import { LineIndex } from '../src/core/text';
import { formatChineseNumeral, parseChineseNumeral } from '../src/core/numerals';
import { matchMarker } from '../src/core/markers';
import { formatOutline, outlineOf } from '../src/core/outline';
import { countChars } from '../src/core/wordcount';

const PLAIN = [
  '某街道党工委2025年度工作总结',
  '一、主要做法',
  '（一）抓好理论学习',
  '全年组织集中学习12次。一是坚持领学促学，二是坚持研讨深学。',
  '（二）夯实基层基础',
  '1.规范组织生活',
  '各支部按月开展主题党日。',
  '2.加强阵地建设',
  '新建党群服务站2个。',
  '二、下一步打算',
  '继续抓好各项工作。',
].join('\n');

const MARKDOWN = [
  '---',
  'title: 一、这不是正文',
  '---',
  '# 某街道党工委2025年度工作总结',
  '',
  '## 一、主要做法',
  '',
  '### （一）抓好理论学习',
  '',
  '全年组织集中学习12次。**一是**坚持领学促学，二是坚持[研讨](https://example.invalid/一是)深学。',
  '',
  '<!-- 一、这是注释 -->',
  '',
  '### （二）夯实基层基础',
  '',
  '1. 规范组织生活',
  '',
  '   各支部按月开展主题党日。',
  '',
  '2. 加强阵地建设',
  '',
  '   新建党群服务站2个。',
  '',
  '```',
  '三、代码块里的不算',
  '```',
  '',
  '## 二、下一步打算',
  '',
  '继续抓好各项工作。',
].join('\n');

function shape(model: DocumentModel): unknown {
  const node = (s: Section): unknown => ({ marker: s.marker.value, level: s.level, heading: s.heading, children: s.children.map(node) });
  return {
    title: model.title === undefined ? undefined : model.paragraphs[model.title]!.text,
    sections: model.sections.map(node),
    inline: model.inlineRuns.map((r) => r.markers.map((m) => m.raw)),
  };
}

describe('document model', () => {
  it('gives plain text and the same draft in Markdown the same model', () => {
    expect(shape(buildModel(MARKDOWN, 'markdown'))).toEqual(shape(buildModel(PLAIN, 'text')));
  });

  it('maps every Markdown paragraph back to its exact source text', () => {
    const model = buildModel(MARKDOWN, 'markdown');
    for (const p of model.paragraphs) {
      if (p.segments.every((s) => s.exact) && p.segments.length === 1) expect(MARKDOWN.slice(p.range.start, p.range.end)).toBe(p.text);
    }
    const inline = model.inlineRuns[0]!.markers[0]!;
    expect(MARKDOWN.slice(inline.range.start, inline.range.end)).toBe('一是');
    const second = model.allSections[2]!;
    expect(MARKDOWN.slice(second.marker.range.start, second.marker.range.end)).toBe('（二）');
  });

  it('never lints code, front matter, HTML comments or link targets', () => {
    const model = buildModel(MARKDOWN, 'markdown');
    const all = model.paragraphs.map((p) => p.text).join('\n');
    expect(all).not.toContain('代码块');
    expect(all).not.toContain('这不是正文');
    expect(all).not.toContain('这是注释');
    expect(all).not.toContain('example.invalid');
  });

  it('nests section ranges: a child lies inside its parent, siblings do not overlap', () => {
    const model = buildModel(PLAIN);
    const check = (list: Section[], parent?: Section): void => {
      list.forEach((s, i) => {
        if (parent) {
          expect(s.range.start).toBeGreaterThanOrEqual(parent.range.start);
          expect(s.range.end).toBeLessThanOrEqual(parent.range.end);
        }
        const next = list[i + 1];
        if (next) expect(s.range.end).toBeLessThanOrEqual(next.range.start);
        check(s.children, s);
      });
    };
    check(model.sections);
    const first = model.sections[0]!;
    expect(PLAIN.slice(first.range.start, first.range.end).endsWith('新建党群服务站2个。')).toBe(true);
  });

  it('finds the title after an outline block and keeps the outline out of the tree', () => {
    const text = ['一、主要做法', '二、存在问题', '某单位述职报告', '一、主要做法', '正文。', '二、存在问题', '正文。'].join('\n');
    const model = buildModel(text);
    expect(model.title).toBe(2);
    expect(model.outlineBlock).toEqual({ first: 0, last: 1 });
    expect(model.sections.map((s) => s.heading)).toEqual(['主要做法', '存在问题']);
  });

  it('does not take a sign-off after the numbered headings of a title-less draft for its title', () => {
    // Numbered lines go before a title only as a table of contents, which the body then repeats.
    const text = ['一、主要做法', '（一）抓学习', '二、存在问题', '（一）学习不深', '城关街道党工委'].join('\n');
    const model = buildModel(text);
    expect(model.title).toBeUndefined();
    expect(model.outlineBlock).toBeUndefined();
    const last = model.allSections[model.allSections.length - 1]!;
    expect(text.slice(last.range.start, last.range.end)).toBe('（一）学习不深\n城关街道党工委');
  });

  it('splits a heading from the body that follows it on the same line', () => {
    const model = buildModel('（一）坚持以上率下，加强示范引领。班子成员带头讲党课。');
    const s = model.sections[0]!;
    expect(s.heading).toBe('坚持以上率下，加强示范引领');
    expect(s.headingAlone).toBe(false);
    expect(s.headingEndsWithPeriod).toBe(true);
  });

  it('prints the outline with line numbers and 字数', () => {
    expect(formatOutline(outlineOf(buildModel(PLAIN))).split('\n')[0]).toMatch(/^一、主要做法  （第2行，\d+字）$/);
  });
});

describe('Markdown that remark parses in unusual ways', () => {
  const texts = (text: string): string[] => buildModel(text, 'markdown').paragraphs.map((p) => p.text);

  it('drops stray bold asterisks even where an escape or a character reference elsewhere in the paragraph shifts the source', () => {
    // The ** that CommonMark leaves as text were kept when any escape or entity made the text
    // node shorter than its source: a false placeholder and a heading that lost its marker.
    const model = buildModel('**一、加强\n二、落实&amp;', 'markdown');
    expect(model.paragraphs.map((p) => p.text)).toEqual(['一、加强', '二、落实&']);
    expect(model.sections.map((s) => s.marker.text)).toEqual(['一、', '二、']);
    expect(model.sections[0]!.marker.editable).toBe(true);
    expect(texts('**1)\n2) a\\*')).toEqual(['1)', '2) a*']);
    // Indented continuation lines shorten the text node too.
    expect(texts('**（一）加强\n   （二）落实')).toEqual(['（一）加强', '（二）落实']);
  });

  it('keeps asterisks the writer escaped', () => {
    expect(texts('\\*\\*一、加强&amp;')).toEqual(['**一、加强&']);
  });

  it('reads quotes, lists and emphasis nested thousands deep without running out of stack', () => {
    expect(texts('>'.repeat(10_000) + ' 一、总体要求').at(-1)!.endsWith('一、总体要求')).toBe(true);
    expect(texts('- '.repeat(2_000) + '一、总体要求').at(-1)!.endsWith('一、总体要求')).toBe(true);
    expect(texts('*'.repeat(20_000) + '一是加强' + '*'.repeat(20_000)).join('')).toContain('一是加强');
    expect(texts('*a '.repeat(5_000) + '一是加强' + ' a*'.repeat(5_000)).join('')).toContain('一是加强');
  });

  it('reads nesting as written up to 32 levels, and the rest of a deeper line as its text', () => {
    expect(texts('> '.repeat(32) + '一、总体要求')).toEqual(['一、总体要求']);
    expect(texts('- '.repeat(32) + '一、总体要求')).toEqual(['一、总体要求']);
    expect(texts('>'.repeat(40) + ' 一、总体要求')).toEqual(['>'.repeat(8) + ' 一、总体要求']);
    // A long rule is not nesting.
    expect(texts('- '.repeat(40) + '\n一、总体要求')).toEqual(['一、总体要求']);
  });
});

describe('markers', () => {
  it.each([
    ['一、主要做法', 1, 1],
    ['十一、其他', 1, 11],
    ['一.主要做法', 1, 1],
    ['（三）加强学习', 2, 3],
    ['(三)加强学习', 2, 3],
    ['（二十）加强学习', 2, 20],
    ['12.加强学习', 3, 12],
    ['１.加强学习', 3, 1],
    ['3、加强学习', 3, 3],
    ['（4）加强学习', 4, 4],
    ['4）加强学习', 4, 4],
    ['⑤加强学习', 5, 5],
  ])('%s is level %i, value %i', (text, level, value) => {
    expect(matchMarker(text)).toMatchObject({ level, value });
  });

  it.each(['1.5亿元用于党建', '2025.全年', '1、2月份完成', '一是加强学习', '第一书记', '一把手带头', '十九大以来'])('%s is not a marker', (text) => {
    expect(matchMarker(text)).toBeUndefined();
  });

  it('reads and writes 汉字 numerals', () => {
    for (let n = 1; n <= 120; n++) expect(parseChineseNumeral(formatChineseNumeral(n))).toBe(n);
    expect(formatChineseNumeral(10)).toBe('十');
    expect(formatChineseNumeral(21)).toBe('二十一');
    expect(parseChineseNumeral('十二')).toBe(12);
  });
});

describe('LineIndex', () => {
  it('counts lines the way an editor does for LF, CRLF and lone CR', () => {
    const text = 'a\r\nb\nc\rd';
    const idx = new LineIndex(text);
    expect(idx.lineCount).toBe(4);
    expect(idx.positionAt(text.indexOf('b'))).toEqual({ line: 1, character: 0 });
    expect(idx.positionAt(text.indexOf('d'))).toEqual({ line: 3, character: 0 });
    expect(idx.lineEnd(0)).toBe(1);
    expect(idx.offsetAt({ line: 2, character: 0 })).toBe(text.indexOf('c'));
  });

  it('counts columns in UTF-16 code units, so an astral character is two', () => {
    const idx = new LineIndex('𠀀一');
    expect(idx.positionAt(2)).toEqual({ line: 0, character: 2 });
  });
});

describe('countChars', () => {
  it('counts 汉字 and punctuation one each and a Latin or digit run as one', () => {
    // 发展党员 4, 12 1, 名 1, ， 1, 覆盖率 3, 100% 1, 。 1
    expect(countChars('发展党员12名，覆盖率100%。')).toBe(12);
    expect(countChars('  ')).toBe(0);
  });
});
