/**
 * Section commands (issue 8): moving, promoting, demoting, deleting and inserting numbered
 * sections renumbers every run they touch, restyles the markers of a subtree that changes level,
 * and leaves everything else as it was; refusals say why.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel, type DocumentFormat } from '../src/core/model';
import { availableOps, dropOperation, restructure, sectionIndexAt, NEW_HEADING_PLACEHOLDER, type RestructureOp, type RestructurePlan } from '../src/core/restructure';
import { sectionCounts } from '../src/core/sections';
import { outlineOf } from '../src/core/outline';
import { countChars } from '../src/core/wordcount';
import { MESSAGES_EN } from '../src/core/messages.en';
import { lint } from '../src/core/lint';
import { RULES } from '../src/rules';
import type { Fix } from '../src/core/types';

/** Applies edits that must be in text order and must not overlap, in one pass. */
function applyEdits(text: string, edits: readonly Fix[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    expect(e.range.start).toBeGreaterThanOrEqual(at);
    expect(e.range.end).toBeGreaterThanOrEqual(e.range.start);
    out += text.slice(at, e.range.start) + e.text;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/** The index of the section whose marker and heading start with `label`. */
function sec(text: string, label: string, format: DocumentFormat = 'text'): number {
  const i = buildModel(text, format).allSections.findIndex((s) => (s.marker.text + s.heading).startsWith(label));
  if (i < 0) throw new Error(`no section ${label}`);
  return i;
}

type Op = RestructureOp['kind'];

function plan(text: string, kind: Op, label: string, target?: string, format: DocumentFormat = 'text'): RestructurePlan | { refused: string } {
  const section = sec(text, label, format);
  const op = (target === undefined ? { kind, section } : { kind, section, target: sec(text, target, format) }) as RestructureOp;
  return restructure(buildModel(text, format), op);
}

function run(text: string, kind: Op, label: string, target?: string, format: DocumentFormat = 'text'): { text: string; selected: string } {
  const p = plan(text, kind, label, target, format);
  if ('refused' in p) throw new Error(`refused: ${p.refused}`);
  const out = applyEdits(text, p.edits);
  return { text: out, selected: p.selection ? out.slice(p.selection.start, p.selection.end) : '' };
}

const numberingFindings = (text: string, format: DocumentFormat = 'text'): string[] =>
  lint(text, RULES.filter((r) => r.id.startsWith('numbering-')), { format }).findings.map((f) => f.message);

const REPORT = [
  '关于2024年度履行党建工作责任情况的述职报告',
  '',
  '今年以来，我认真履行党建工作职责，现将有关情况报告如下。',
  '',
  '一、履职尽责情况',
  '',
  '（一）抓理论武装',
  '',
  '坚持集体学习制度，全年组织中心组学习12次。',
  '',
  '（二）抓班子建设',
  '',
  '1.健全议事规则',
  '',
  '修订党委会议事规则。',
  '',
  '2.强化日常监督',
  '',
  '（1）开展谈心谈话',
  '',
  '班子成员之间谈心谈话全覆盖。',
  '',
  '（2）落实报告制度',
  '',
  '按时报告个人有关事项。',
  '',
  '（三）抓作风转变。一是精简会议文件，二是改进调查研究。',
  '',
  '二、存在的不足',
  '',
  '理论学习的系统性还不够强。',
  '',
  '三、下一步打算',
  '',
  '（一）持续深化理论学习',
  '',
  '（二）压紧压实工作责任',
  '',
].join('\n');

describe('the example draft', () => {
  it('is numbered correctly to begin with', () => {
    expect(numberingFindings(REPORT)).toEqual([]);
  });
});

describe('moveUp / moveDown', () => {
  it('exchanges a section with its previous sibling and renumbers both, subtree and all', () => {
    const r = run(REPORT, 'moveUp', '（二）抓班子建设');
    expect(r.text).toContain(
      '一、履职尽责情况\n\n（一）抓班子建设\n\n1.健全议事规则\n\n修订党委会议事规则。\n\n2.强化日常监督\n\n（1）开展谈心谈话\n\n班子成员之间谈心谈话全覆盖。\n\n（2）落实报告制度\n\n按时报告个人有关事项。\n\n（二）抓理论武装\n\n坚持集体学习制度，全年组织中心组学习12次。\n\n（三）抓作风转变。',
    );
    expect(r.selected).toBe('（一）抓班子建设');
    expect(numberingFindings(r.text)).toEqual([]);
  });

  it('moves a top-level section down past its neighbour and back up to the same text', () => {
    const down = run(REPORT, 'moveDown', '二、存在的不足');
    expect(down.text.slice(down.text.indexOf('二、'))).toBe(
      '二、下一步打算\n\n（一）持续深化理论学习\n\n（二）压紧压实工作责任\n\n三、存在的不足\n\n理论学习的系统性还不够强。\n',
    );
    expect(down.selected).toBe('三、存在的不足');
    expect(run(down.text, 'moveUp', '三、存在的不足').text).toBe(REPORT);
  });

  it('keeps CRLF line ends and a last line without a line break', () => {
    const crlf = '工作总结\r\n\r\n一、甲项工作\r\n做了甲。\r\n\r\n二、乙项工作\r\n做了乙。';
    const down = run(crlf, 'moveDown', '一、甲项工作');
    expect(down.text).toBe('工作总结\r\n\r\n一、乙项工作\r\n做了乙。\r\n\r\n二、甲项工作\r\n做了甲。');
    expect(run(down.text, 'moveUp', '二、甲项工作').text).toBe(crlf);
  });

  it('leaves the inline 一是、二是 of a heading paragraph alone', () => {
    const r = run(REPORT, 'moveUp', '（三）抓作风转变');
    expect(r.text).toContain('（二）抓作风转变。一是精简会议文件，二是改进调查研究。\n\n（三）抓班子建设');
    expect(r.selected).toBe('（二）抓作风转变。');
  });

  it('refuses to move the first up or the last down', () => {
    expect(plan(REPORT, 'moveUp', '一、履职尽责情况')).toEqual({ refused: '“一、”已是同级第一项，无法上移' });
    expect(plan(REPORT, 'moveDown', '（二）压紧压实')).toEqual({ refused: '“（二）”已是同级最后一项，无法下移' });
  });
});

describe('delete', () => {
  it('removes the section with its subsections and renumbers the siblings after it', () => {
    const r = run(REPORT, 'delete', '（二）抓班子建设');
    expect(r.text).toContain('全年组织中心组学习12次。\n\n（二）抓作风转变。一是');
    expect(r.text).not.toContain('健全议事规则');
    expect(r.selected).toBe('');
    expect(numberingFindings(r.text)).toEqual([]);
  });

  it('removes the last section with the blank line before it, keeping how the text ends', () => {
    expect(run(REPORT, 'delete', '（二）压紧压实').text).toBe(REPORT.replace('\n\n（二）压紧压实工作责任', ''));
    expect(run('一、甲\n\n二、乙', 'delete', '二、乙').text).toBe('一、甲');
  });

  it('renumbers only the run it changes, even where another run is wrong', () => {
    const text = '一、甲\n（一）子\n（三）子\n二、乙\n三、丙\n';
    expect(run(text, 'delete', '二、乙').text).toBe('一、甲\n（一）子\n（三）子\n二、丙\n');
  });
});

describe('insertAfter', () => {
  it('adds a sibling heading after the whole block, selects its placeholder and renumbers the rest', () => {
    const r = run(REPORT, 'insertAfter', '（二）抓班子建设');
    expect(r.text).toContain('按时报告个人有关事项。\n\n（三）【待补：标题】\n\n（四）抓作风转变。');
    expect(r.selected).toBe(NEW_HEADING_PLACEHOLDER);
    expect(numberingFindings(r.text)).toEqual([]);
  });

  it('works at the end of a text without a final line break, with the draft’s line ends', () => {
    const r = run('一、甲\r\n\r\n二、乙', 'insertAfter', '二、乙');
    expect(r.text).toBe('一、甲\r\n\r\n二、乙\r\n\r\n三、【待补：标题】');
    expect(r.selected).toBe(NEW_HEADING_PLACEHOLDER);
  });

  it('follows a heading that ends with 。 and keeps the Markdown heading prefix', () => {
    expect(run('（一）加强学习。\n内容。\n', 'insertAfter', '（一）').text).toBe('（一）加强学习。\n内容。\n（二）【待补：标题】。\n');
    const md = '## 一、甲\n\n正文。\n\n## 二、乙\n';
    expect(run(md, 'insertAfter', '一、甲', undefined, 'markdown').text).toBe('## 一、甲\n\n正文。\n\n## 二、【待补：标题】\n\n## 三、乙\n');
  });
});

describe('promote / demote', () => {
  it('promotes 1. to a （一） placed after its parent, past its later siblings, and restyles its subtree', () => {
    const r = run(REPORT, 'promote', '1.健全议事规则');
    expect(r.text).toContain(
      '（二）抓班子建设\n\n1.强化日常监督\n\n（1）开展谈心谈话\n\n班子成员之间谈心谈话全覆盖。\n\n（2）落实报告制度\n\n按时报告个人有关事项。\n\n（三）健全议事规则\n\n修订党委会议事规则。\n\n（四）抓作风转变。',
    );
    expect(r.selected).toBe('（三）健全议事规则');
    expect(numberingFindings(r.text)).toEqual([]);
  });

  it('promotes a last child where it stands, renumbering the runs after it', () => {
    const r = run(REPORT, 'promote', '2.强化日常监督');
    expect(r.text).toContain('1.健全议事规则\n\n修订党委会议事规则。\n\n（三）强化日常监督\n\n1.开展谈心谈话\n\n班子成员之间谈心谈话全覆盖。\n\n2.落实报告制度');
    expect(r.text).toContain('（四）抓作风转变。');
    expect(numberingFindings(r.text)).toEqual([]);
    expect(run(r.text, 'demote', '（三）强化日常监督').text).toBe(REPORT);
  });

  it('demotes a section under its previous sibling, as its last child, and promote gives the text back', () => {
    const r = run(REPORT, 'demote', '（三）抓作风转变');
    expect(r.text).toContain('按时报告个人有关事项。\n\n3.抓作风转变。一是精简会议文件，二是改进调查研究。\n\n二、存在的不足');
    expect(r.selected).toBe('3.抓作风转变。');
    expect(numberingFindings(r.text)).toEqual([]);
    expect(run(r.text, 'promote', '3.抓作风转变').text).toBe(REPORT);
  });

  it('demotes a top-level section with its subtree: 三、 becomes （三）, its （一） becomes 1.', () => {
    const r = run(REPORT, 'demote', '三、下一步打算');
    expect(r.text.slice(r.text.indexOf('二、'))).toBe(
      '二、存在的不足\n\n理论学习的系统性还不够强。\n\n（一）下一步打算\n\n1.持续深化理论学习\n\n2.压紧压实工作责任\n',
    );
    expect(run(r.text, 'promote', '（一）下一步打算').text).toBe(REPORT);
  });

  it('refuses at the ends of the hierarchy', () => {
    expect(plan(REPORT, 'promote', '二、存在的不足')).toEqual({ refused: '“二、”已是最高一级，无法升级' });
    expect(plan(REPORT, 'demote', '（一）抓理论武装')).toEqual({ refused: '“（一）”是同级第一项，前面没有可并入的一节，无法降级' });
    const deep = '一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n（2）己\n①庚\n';
    expect(numberingFindings(deep)).toEqual([]);
    expect(plan(deep, 'demote', '（2）己')).toEqual({ refused: '层级已到最深一级“①”，无法再降级' });
    expect(plan(deep, 'demote', '①庚')).toEqual({ refused: '“①”是同级第一项，前面没有可并入的一节，无法降级' });
    expect(run('一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n（2）己\n', 'demote', '（2）己').text).toBe('一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n②己\n');
  });
});

describe('moveBefore / moveAfter / moveInto', () => {
  it('moves a section before another of another level, taking its level', () => {
    const r = run(REPORT, 'moveBefore', '（一）持续深化', '二、存在的不足');
    expect(r.text.slice(r.text.indexOf('（三）抓作风'))).toBe(
      '（三）抓作风转变。一是精简会议文件，二是改进调查研究。\n\n二、持续深化理论学习\n\n三、存在的不足\n\n理论学习的系统性还不够强。\n\n四、下一步打算\n\n（一）压紧压实工作责任\n',
    );
    expect(r.selected).toBe('二、持续深化理论学习');
    expect(numberingFindings(r.text)).toEqual([]);
  });

  it('moves a section into another as its last child, at the level of its children', () => {
    const r = run(REPORT, 'moveInto', '（一）抓理论武装', '三、下一步打算');
    expect(r.text).toContain('一、履职尽责情况\n\n（一）抓班子建设');
    expect(r.text.endsWith('（二）压紧压实工作责任\n\n（三）抓理论武装\n\n坚持集体学习制度，全年组织中心组学习12次。\n')).toBe(true);
    expect(numberingFindings(r.text)).toEqual([]);
    const into = run(REPORT, 'moveInto', '二、存在的不足', '（一）抓理论武装');
    expect(into.text).toContain('（一）抓理论武装\n\n坚持集体学习制度，全年组织中心组学习12次。\n\n1.存在的不足\n\n理论学习的系统性还不够强。\n\n（二）抓班子建设');
    expect(into.text).toContain('二、下一步打算');
    expect(numberingFindings(into.text)).toEqual([]);
  });

  it('moves a section after the last one, to the end of a text without a final line break', () => {
    const r = run('一、甲\n\n甲文。\n\n二、乙\n\n三、丙', 'moveAfter', '一、甲', '三、丙');
    expect(r.text).toBe('一、乙\n\n二、丙\n\n三、甲\n\n甲文。');
  });

  it('changes nothing when a section is dropped where it already is, and refuses its own subtree', () => {
    expect(plan(REPORT, 'moveBefore', '（一）抓理论武装', '（二）抓班子建设')).toMatchObject({ edits: [] });
    expect(plan(REPORT, 'moveInto', '（二）抓班子建设', '2.强化日常监督')).toEqual({ refused: '不能把一节移到它自身或它的下级之中' });
  });
});

describe('style and form of the document', () => {
  it('writes restyled markers in the punctuation the draft uses for that level', () => {
    const text = '一、甲\n(一)子一\n1、细目\n(二)子二\n二、乙\n三、丙\n（一）丁\n';
    expect(run(text, 'demote', '三、丙').text).toBe('一、甲\n(一)子一\n1、细目\n(二)子二\n二、乙\n(一)丙\n1、丁\n');
    // Under a heading whose children skip a level (一、 then 1、), a demoted section joins that run.
    expect(run('一、甲\n1、细目\n二、乙\n', 'demote', '二、乙').text).toBe('一、甲\n1、细目\n2、乙\n');
  });

  it('in Markdown, gives a heading that changes level the # depth, or plain line, the draft uses for that level', () => {
    const md = [
      '# 2024年工作总结',
      '',
      '## 一、主要工作',
      '',
      '### （一）学习教育',
      '',
      '1.组织集中学习',
      '',
      '2.开展专题研讨',
      '',
      '## 二、存在问题',
      '',
      '### （一）学习不深',
      '',
      '正文。',
      '',
    ].join('\n');
    expect(numberingFindings(md, 'markdown')).toEqual([]);
    const r = run(md, 'demote', '二、存在问题', undefined, 'markdown');
    expect(r.text).toBe(md.replace('## 二、存在问题', '### （二）存在问题').replace('### （一）学习不深', '1.学习不深'));
    expect(r.selected).toBe('（二）存在问题');
    expect(numberingFindings(r.text, 'markdown')).toEqual([]);
    expect(run(r.text, 'promote', '（二）存在问题', undefined, 'markdown').text).toBe(md);
    const up = run(md, 'promote', '2.开展专题研讨', undefined, 'markdown');
    expect(up.text).toContain('1.组织集中学习\n\n### （二）开展专题研讨\n\n## 二、存在问题');
  });

  it('moves a Markdown section whose marker sits inside bold, and refuses one with markup inside the marker', () => {
    const md = '**一、甲。**正文。\n\n**二、乙。**正文。\n';
    expect(run(md, 'moveDown', '一、甲', undefined, 'markdown').text).toBe('**一、乙。**正文。\n\n**二、甲。**正文。\n');
    const broken = '一、甲\n\n**二**、乙\n\n三、丙\n';
    expect(plan(broken, 'moveUp', '三、丙', undefined, 'markdown')).toEqual({ refused: '序号“二、”中含有Markdown标记，无法自动改写' });
  });

  it('refuses when the new marker would run into the heading’s digits', () => {
    expect(plan('一、甲\n（一）乙\n（二）2024年工作\n', 'demote', '（二）2024年')).toEqual({
      refused: '调整后的序号无法被正确识别（如“1.”后紧跟数字），未作修改',
    });
  });

  it('carries a comment right above a heading along with it', () => {
    const text = '一、甲\n\n<!-- dangjian-disable-next-line heading-punctuation -->\n二、乙。\n\n三、丙\n';
    expect(run(text, 'moveDown', '二、乙').text).toBe('一、甲\n\n二、丙\n\n<!-- dangjian-disable-next-line heading-punctuation -->\n三、乙。\n');
  });

  it('says why in English when asked', () => {
    const r = restructure(buildModel(REPORT), { kind: 'promote', section: 0 }, { locale: 'en' });
    expect(r).toEqual({ refused: '“一、” is already at the top level: it cannot be promoted' });
  });
});

describe('sectionIndexAt, availableOps, dropOperation', () => {
  const model = buildModel(REPORT);
  const index = (label: string): number => sec(REPORT, label);

  it('finds the innermost section from its heading line to the blank lines after it', () => {
    expect(sectionIndexAt(model, REPORT.indexOf('今年以来'))).toBeUndefined();
    expect(sectionIndexAt(model, REPORT.indexOf('一、履职'))).toBe(index('一、履职'));
    expect(sectionIndexAt(model, REPORT.indexOf('班子建设'))).toBe(index('（二）抓班子建设'));
    expect(sectionIndexAt(model, REPORT.indexOf('全覆盖。') + 5)).toBe(index('（1）开展'));
    expect(sectionIndexAt(model, REPORT.length)).toBe(index('（二）压紧'));
  });

  it('offers what the section allows', () => {
    expect([...availableOps(model, index('一、履职'))].sort()).toEqual(['delete', 'insertAfter', 'moveDown']);
    expect([...availableOps(model, index('（二）抓班子'))].sort()).toEqual(['delete', 'demote', 'insertAfter', 'moveDown', 'moveUp', 'promote']);
    expect(availableOps(model, 99).size).toBe(0);
    const deep = buildModel('一、甲\n（一）乙\n1.丙\n（1）丁\n①戊\n（2）己\n①庚\n');
    expect(availableOps(deep, 5).has('demote')).toBe(false);
  });

  it('reads a drop: into a higher section, after the next sibling, before any other, below the tree to the end', () => {
    expect(dropOperation(model, index('（一）持续'), index('一、履职'))).toEqual({ kind: 'moveInto', section: index('（一）持续'), target: index('一、履职') });
    expect(dropOperation(model, index('一、履职'), index('二、存在'))).toEqual({ kind: 'moveAfter', section: index('一、履职'), target: index('二、存在') });
    expect(dropOperation(model, index('三、下一步'), index('一、履职'))).toEqual({ kind: 'moveBefore', section: index('三、下一步'), target: index('一、履职') });
    expect(dropOperation(model, index('一、履职'), undefined)).toEqual({ kind: 'moveAfter', section: index('一、履职'), target: index('三、下一步') });
    expect(dropOperation(model, index('三、下一步'), undefined)).toBeUndefined();
    expect(dropOperation(model, index('（二）抓班子'), index('1.健全'))).toBeUndefined();
  });
});

describe('sectionCounts', () => {
  it('counts each top-level section as the outline tree does, and the whole draft as the status bar does', () => {
    const model = buildModel(REPORT);
    const counts = sectionCounts(model);
    expect(counts.sections.map((s) => s.label)).toEqual(['一、履职尽责情况', '二、存在的不足', '三、下一步打算']);
    expect(counts.sections.map((s) => s.chars)).toEqual(outlineOf(model).map((n) => n.chars));
    expect(counts.sections[1]).toEqual({ label: '二、存在的不足', chars: countChars('二、存在的不足理论学习的系统性还不够强。'), line: 28 });
    const preamble = countChars('关于2024年度履行党建工作责任情况的述职报告今年以来，我认真履行党建工作职责，现将有关情况报告如下。');
    expect(counts.total).toBe(preamble + counts.sections.reduce((n, s) => n + s.chars, 0));
  });
});

describe('messages', () => {
  it('has an English template for every message of the section commands and the completion', () => {
    const templates = ['restructure.ts', 'numbering-completion.ts'].flatMap((f) =>
      [...readFileSync(path.join(__dirname, '../src/core', f), 'utf8').matchAll(/\b(?:refuse|t)\(\s*'((?:\\.|[^'\\])*)'/g)].map((m) => m[1]!),
    );
    expect(templates.length).toBeGreaterThan(10);
    expect(templates.filter((t) => !(t in MESSAGES_EN))).toEqual([]);
  });
});
