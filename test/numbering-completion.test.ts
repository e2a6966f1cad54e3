/**
 * Smart numbering completion (issue 8): at the start of a paragraph the next marker of the run, of
 * each enclosing level and the first child; the next inline item after 二是; nothing in prose; and
 * the next sibling's marker after Enter at the end of a heading line.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, type DocumentFormat } from '../src/core/model';
import { continuationOnEnter, markerSuggestions } from '../src/core/numbering-completion';

const CURSOR = '|';

/** Suggestions at the `|` in `draft` (the bar is taken out of the text). */
function at(draft: string, format: DocumentFormat = 'text', locale?: 'en') {
  const offset = draft.indexOf(CURSOR);
  const text = draft.slice(0, offset) + draft.slice(offset + 1);
  const list = markerSuggestions(buildModel(text, format), offset, locale ? { locale } : {});
  return list.map((s) => ({ ...s, replaced: text.slice(s.replace.start, s.replace.end) }));
}
const inserts = (draft: string, format: DocumentFormat = 'text'): string[] => at(draft, format).map((s) => s.insert);

function enter(draft: string, format: DocumentFormat = 'text'): string | undefined {
  const offset = draft.indexOf(CURSOR);
  const text = draft.slice(0, offset) + draft.slice(offset + 1);
  return continuationOnEnter(buildModel(text, format), offset);
}

const SPEECH = [
  '在全市基层党建工作推进会上的讲话',
  '',
  '同志们：',
  '',
  '今天召开这次会议，主要任务是总结工作、部署任务。下面，我讲三点意见。',
  '',
  '一、提高政治站位',
  '',
  '（一）深刻认识重要意义',
  '',
  '基层党建是全部工作的基础。',
  '',
  '（二）准确把握目标要求',
  '',
  '1.坚持问题导向',
  '',
  '2.坚持系统观念',
  '',
].join('\n');

describe('markerSuggestions at the start of a paragraph', () => {
  it('offers the next of the run first, then the first child, then the next of each enclosing level', () => {
    const list = at(SPEECH.slice(0, SPEECH.indexOf('1.坚持')) + '要把握三个重点。\n\n|');
    expect(list.map((s) => s.insert)).toEqual(['（三）', '1.', '二、']);
    expect(list.map((s) => s.rank)).toEqual([0, 1, 2]);
    expect(list[0]).toMatchObject({ replaced: '', detail: '“（二）”之后的下一节' });
    expect(list[1]!.detail).toBe('“（二）”下的第一项');
    expect(list[2]!.detail).toBe('“一、”之后的下一节');
  });

  it('after 2. offers 3., then （1）, （三） and 二、', () => {
    expect(inserts(SPEECH + '|')).toEqual(['3.', '（1）', '（三）', '二、']);
  });

  it('keeps to what was typed of the marker, and replaces it', () => {
    const list = at(SPEECH + '（|');
    expect(list.map((s) => s.insert)).toEqual(['（1）', '（三）']);
    expect(list.every((s) => s.replaced === '（')).toBe(true);
    expect(inserts(SPEECH + '3|')).toEqual(['3.']);
    expect(inserts(SPEECH + '(|')).toEqual(['（1）', '（三）']);
    expect(inserts(SPEECH + '二|')).toEqual(['二、']);
    expect(inserts(SPEECH + '\u3000\u3000|')).toEqual(['3.', '（1）', '（三）', '二、']);
  });

  it('offers the first top-level marker before any heading', () => {
    const list = at('关于加强支部建设的工作总结\n\n|');
    expect(list.map((s) => s.insert)).toEqual(['一、']);
    expect(list[0]!.detail).toBe('正文的第一节');
  });

  it('follows the draft’s own style for a first child', () => {
    expect(inserts('一、甲\n\n(一)子\n\n1、细\n\n二、乙\n\n|')).toEqual(['三、', '(一)']);
  });

  it('offers nothing in prose, after a finished marker, or before one', () => {
    expect(inserts(SPEECH + '加强|')).toEqual([]);
    expect(inserts(SPEECH + '3.|')).toEqual([]);
    expect(inserts(SPEECH.replace('2.坚持系统观念', '|2.坚持系统观念'))).toEqual([]);
    expect(inserts(SPEECH.replace('基层党建是全部', '基层|党建是全部'))).toEqual([]);
  });

  it('works after a Markdown heading prefix', () => {
    const md = '# 讲话\n\n## 一、提高站位\n\n正文。\n\n## |';
    const list = at(md, 'markdown');
    expect(list.map((s) => s.insert)).toEqual(['二、', '（一）']);
    expect(list[0]!.replaced).toBe('');
  });

  it('describes the suggestions in English when asked', () => {
    expect(at(SPEECH + '|', 'text', 'en')[0]!.detail).toBe('The next section after “2.”');
  });
});

describe('markerSuggestions inside an inline enumeration', () => {
  const TITLE = '关于作风建设的讲话\n\n';

  it('offers 三是 after 二是 when 三 is typed', () => {
    const list = at(TITLE + '一、工作要求\n\n要做到三个到位：一是认识到位，二是责任到位，三|');
    expect(list.map((s) => s.insert)).toEqual(['三是']);
    expect(list[0]).toMatchObject({ replaced: '三', detail: '“二是”之后的下一项' });
  });

  it('continues a run from the paragraph before, within the same section', () => {
    expect(inserts(TITLE + '一、工作要求\n\n一要提高认识。二要压实责任。\n\n三|')).toEqual(['三要']);
    expect(inserts(TITLE + '一、工作要求\n\n二、保障措施\n\n一要提高认识。二要压实责任。\n\n三|')).toEqual(['三、', '三要']);
    expect(inserts(TITLE + '（一）加强学习\n\n第一，学原文。第二，悟原理。第|')).toEqual(['第三，']);
  });

  it('offers nothing without a run, in the middle of a word, or past a heading', () => {
    expect(inserts(TITLE + '一、工作要求\n\n全年开展学习三|')).toEqual([]);
    expect(inserts(TITLE + '一、工作要求\n\n要做到一是认识到位，二是责任到位，工作三|')).toEqual([]);
    expect(inserts(TITLE + '一、工作要求\n\n一是认识到位，二是责任到位。\n\n二、保障措施\n\n三|')).toEqual(['三、']);
  });

  it('leaves the heading of a paragraph alone while offering its inline items', () => {
    expect(inserts(TITLE + '（一）抓作风转变。一是精简会议，二是改进调研，三|')).toEqual(['三是']);
  });
});

describe('continuationOnEnter', () => {
  it('starts the next sibling after a heading that has nothing under it yet', () => {
    expect(enter('一、总体要求\n\n（一）指导思想|')).toBe('（二）');
    expect(enter('一、总体要求\n\n（一）指导思想\n（二）目标任务|')).toBe('（三）');
    expect(enter('（一）加强学习。全年组织集中学习十二次。|')).toBe('（二）');
    expect(enter('\u3000\u3000（一）加强学习|')).toBe('\u3000\u3000（二）');
  });

  it('keeps the Markdown heading prefix', () => {
    expect(enter('# 报告\n\n## 一、甲\n\n正文。\n\n## 二、乙|', 'markdown')).toBe('## 三、');
  });

  it('gives nothing where a new sibling would not come next', () => {
    expect(enter('（一）指导思想|\n（二）目标任务')).toBeUndefined();
    expect(enter('（一）指导思想|\n坚持以人民为中心。')).toBeUndefined();
    expect(enter('（一）指导|思想')).toBeUndefined();
    expect(enter('一、甲\n正文。|')).toBeUndefined();
    const circled = Array.from({ length: 20 }, (_, i) => String.fromCharCode(0x2460 + i) + '项').join('\n');
    expect(enter(circled + '|')).toBeUndefined();
  });
});
