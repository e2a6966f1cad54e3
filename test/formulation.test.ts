import { describe, expect, it } from 'vitest';
import { fixAll, LintCache, lint } from '../src/core/lint';
import { resolveConfig } from '../src/core/config';
import { formulation } from '../src/rules/formulation';
import { FORMULATIONS } from '../src/rules/data/formulations';
import type { Finding } from '../src/core/types';

function findings(text: string, format: 'text' | 'markdown' = 'text', configFile: unknown = {}): Finding[] {
  const config = resolveConfig(configFile, [formulation]);
  return lint(text, [formulation], { format, config }).findings;
}

function fixed(text: string, format: 'text' | 'markdown' = 'text'): string {
  return fixAll(text, [formulation], { format }).text;
}

const DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function numeralValue(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + DIGIT[s[1]!]!;
  if (s.length === 2 && s.endsWith('十')) return DIGIT[s[0]!]! * 10;
  if (s.length === 3 && s[1] === '十') return DIGIT[s[0]!]! * 10 + DIGIT[s[2]!]!;
  return DIGIT[s]!;
}

/** The count a term's count words announce: 四个意识 → 4, 三严三实 → 3 + 3, 三重一大 → 3 + 1; undefined without one. */
function announcedCount(term: string): number | undefined {
  const words = [...term.matchAll(/([一二两三四五六七八九十]+)(?=[个大种项风史严实学做重讲有力性新会课位])/g)];
  if (!words.length) return undefined;
  return words.reduce((sum, m) => sum + numeralValue(m[1]!), 0);
}

describe('formulation dictionary', () => {
  it('holds at least 40 entries with distinct terms', () => {
    expect(FORMULATIONS.length).toBeGreaterThanOrEqual(40);
    const terms = FORMULATIONS.map((f) => f.term);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it('reads count words the way the entries need', () => {
    expect(announcedCount('四个意识')).toBe(4);
    expect(announcedCount('三严三实')).toBe(6);
    expect(announcedCount('三重一大')).toBe(4);
    expect(announcedCount('一个中心、两个基本点')).toBe(3);
    expect(announcedCount('新十六字方针')).toBeUndefined();
    expect(announcedCount('社会主义核心价值观')).toBeUndefined();
  });

  for (const f of FORMULATIONS) {
    it(`“${f.term}” is well-formed`, () => {
      expect(f.term.trim()).not.toBe('');
      expect(f.source.trim()).not.toBe('');
      expect(f.members.length).toBeGreaterThanOrEqual(2);
      expect(f.count).toBe(f.members.length);
      const announced = announcedCount(f.term);
      if (announced !== undefined) expect(announced).toBe(f.count);
      for (const m of f.members) {
        expect(m.trim()).toBe(m);
        expect(m).not.toBe('');
      }
      expect(new Set(f.members).size).toBe(f.members.length);
      // Every spelling (member or variant) names exactly one member.
      const spellings = [...f.members];
      for (const [member, variants] of Object.entries(f.variants ?? {})) {
        expect(f.members).toContain(member);
        for (const v of variants) {
          expect(v).not.toBe('');
          spellings.push(v);
        }
      }
      expect(new Set(spellings).size).toBe(spellings.length);
      for (const mw of f.misWritings ?? []) {
        expect(mw.wrong).not.toBe('');
        expect(mw.right).not.toBe('');
        expect(mw.wrong).not.toBe(mw.right);
      }
    });
  }

  it('carries the mis-writings the catalogue names', () => {
    const all = FORMULATIONS.flatMap((f) => f.misWritings ?? []);
    expect(all).toContainEqual({ wrong: '奢靡主义', right: '奢靡之风' });
    expect(all).toContainEqual({ wrong: '五位一体战略布局', right: '五位一体总体布局' });
    expect(all).toContainEqual({ wrong: '四个全面总体布局', right: '四个全面战略布局' });
  });

  it('spells each entry’s canonical list in a way that raises nothing', () => {
    for (const f of FORMULATIONS) {
      const joiner = f.members.some((m) => m.includes('、')) ? '，' : '、';
      const text = `全体党员要把${f.members.join(joiner)}作为对照检查的重要内容。`;
      expect(findings(text), f.term).toEqual([]);
    }
  });
});

describe('formulation: members out of order', () => {
  it('reports 四个意识 out of order and fixes it', () => {
    const text = '支部引导党员牢固树立大局意识、政治意识、核心意识、看齐意识，在岗位上当好表率。';
    const [f, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(f!.ruleId).toBe('formulation');
    expect(f!.severity).toBe('error');
    expect(f!.message).toContain('“四个意识”应为“政治意识、大局意识、核心意识、看齐意识”，此处顺序为“大局意识、政治意识、核心意识、看齐意识”');
    expect(text.slice(f!.range.start, f!.range.end)).toBe('大局意识、政治意识、核心意识、看齐意识');
    expect(fixed(text)).toBe('支部引导党员牢固树立政治意识、大局意识、核心意识、看齐意识，在岗位上当好表率。');
  });

  it('reports 四个自信 after a verb and keeps the verb when fixing', () => {
    const text = '坚定文化自信、道路自信、理论自信、制度自信，是机关党员的必修课。';
    expect(findings(text).map((f) => f.message)).toEqual([expect.stringContaining('“四个自信”应为“道路自信、理论自信、制度自信、文化自信”')]);
    expect(fixed(text)).toBe('坚定道路自信、理论自信、制度自信、文化自信，是机关党员的必修课。');
  });

  it('reports 政治判断力、领悟力、执行力 out of order', () => {
    const text = '通过专题研讨，班子成员的政治领悟力、政治判断力、政治执行力进一步提升。';
    expect(findings(text)).toHaveLength(1);
    expect(fixed(text)).toBe('通过专题研讨，班子成员的政治判断力、政治领悟力、政治执行力进一步提升。');
  });

  it('reports a list joined by 和 but offers no fix', () => {
    const text = '持续整治享乐主义、形式主义、官僚主义和奢靡之风，巩固作风建设成果。';
    const [f, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(f!.message).toContain('“四风”应为“形式主义、官僚主义、享乐主义、奢靡之风”');
    expect(f!.fix).toBeUndefined();
  });

  it('reports 新发展理念 with one-character-pair members after a lead verb', () => {
    const text = '全区上下坚持协调、创新、绿色、开放、共享的发展理念，推动高质量发展。';
    const [f] = findings(text);
    expect(f!.message).toContain('“新发展理念”应为“创新、协调、绿色、开放、共享”');
    // 坚持 is a lead verb, so the two-character 协调 is a word of its own and may move.
    expect(fixed(text)).toBe('全区上下坚持创新、协调、绿色、开放、共享的发展理念，推动高质量发展。');
  });

  it('keeps the draft’s own wording of each member when it reorders', () => {
    const text = '各支部严格落实党小组会、支委会、党员大会、党课制度。';
    expect(findings(text)[0]!.message).toContain('“三会一课”应为“支部党员大会、支部委员会、党小组会、党课”');
    expect(fixed(text)).toBe('各支部严格落实党员大会、支委会、党小组会、党课制度。');
  });

  it('reports long members joined by ， (两个维护 reversed)', () => {
    const text = '我们要坚决维护党中央权威和集中统一领导，坚决维护习近平总书记党中央的核心、全党的核心地位。';
    const [f, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(f!.message).toContain('“两个维护”应为');
    expect(f!.fix).toBeUndefined();
  });

  it('reports 三重一大 written in its older wording', () => {
    const text = '凡属重要人事任免、重大决策、重大项目安排和大额资金使用，均须集体研究。';
    expect(findings(text).map((f) => f.message)).toEqual([expect.stringContaining('“三重一大”应为')]);
  });

  it('reports members in quotes and half-width commas, without a fix', () => {
    const quoted = '教育党员增强“政治意识”、“核心意识”、“大局意识”、“看齐意识”。';
    expect(findings(quoted)).toHaveLength(1);
    expect(findings(quoted)[0]!.fix).toBeUndefined();
    const halfWidth = '不断提高政治执行力,政治判断力,政治领悟力,确保令行禁止。';
    expect(findings(halfWidth)).toHaveLength(1);
    expect(findings(halfWidth)[0]!.fix).toBeUndefined();
  });

  it('reports 三严三实 with its two halves swapped inside', () => {
    const text = '对照严以修身、严以律己、严以用权，谋事要实、创业要实、做人要实的要求查摆问题。';
    expect(findings(text).map((f) => f.message)).toEqual([expect.stringContaining('“三严三实”应为')]);
  });

  it('names the formulation itself when its term is the list (不忘初心、牢记使命)', () => {
    const [f] = findings('始终做到牢记使命、不忘初心，以实干担当践行誓言。');
    expect(f!.message).toContain('提法“不忘初心、牢记使命”顺序有误');
  });

  it('offers no fix where Markdown markup sits inside the list', () => {
    const md = '党员要牢固树立**大局意识**、政治意识、核心意识、看齐意识。\n';
    const [f, ...rest] = findings(md, 'markdown');
    expect(rest).toEqual([]);
    expect(f!.fix).toBeUndefined();
    const plainMd = '党员要牢固树立大局意识、政治意识、核心意识、看齐意识。\n';
    expect(fixed(plainMd, 'markdown')).toBe('党员要牢固树立政治意识、大局意识、核心意识、看齐意识。\n');
  });

  it('decides the fix per paragraph when the editor remembers findings by a paragraph’s text', () => {
    // Both paragraphs read the same once the ** are gone; only the first can be rewritten.
    const md = '党员要牢固树立大局意识、政治意识、核心意识、看齐意识。\n\n党员要牢固树立**大局意识**、政治意识、核心意识、看齐意识。\n';
    const cached = lint(md, [formulation], { format: 'markdown', cache: new LintCache() }).findings;
    expect(cached.map((f) => f.fix !== undefined)).toEqual([true, false]);
    expect(cached).toEqual(findings(md, 'markdown'));
  });
});

describe('formulation: known mis-writings', () => {
  it('fixes 奢靡主义 to 奢靡之风', () => {
    const text = '坚决反对形式主义、官僚主义、享乐主义和奢靡主义。';
    const [f, ...rest] = findings(text);
    expect(rest).toEqual([]);
    expect(f!.message).toContain('“奢靡主义”应为“奢靡之风”');
    expect(text.slice(f!.range.start, f!.range.end)).toBe('奢靡主义');
    expect(fixed(text)).toBe('坚决反对形式主义、官僚主义、享乐主义和奢靡之风。');
  });

  it('fixes 五位一体 and 四个全面 called by the wrong 布局, keeping the quotes', () => {
    const text = '统筹推进“五位一体”战略布局，协调推进“四个全面”总体布局。';
    const fs = findings(text);
    expect(fs.map((f) => f.message)).toEqual([
      expect.stringContaining('“五位一体战略布局”应为“五位一体总体布局”'),
      expect.stringContaining('“四个全面总体布局”应为“四个全面战略布局”'),
    ]);
    expect(fixed(text)).toBe('统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局。');
    expect(fixed('落实五位一体战略布局。')).toBe('落实五位一体总体布局。');
  });

  it('can be switched off with a comment', () => {
    const text = '<!-- dangjian-disable-next-line formulation -->\n整治享乐主义和奢靡主义。\n';
    expect(findings(text)).toEqual([]);
  });
});

describe('formulation: what is not an error', () => {
  it('accepts the canonical order with any separators and extra items around it', () => {
    const ok = [
      '引导党员干部增强政治意识、大局意识、核心意识、看齐意识，坚定道路自信、理论自信、制度自信、文化自信。',
      '驰而不息纠治形式主义、官僚主义、享乐主义和奢靡之风。',
      '统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设。',
      '统筹推进“五位一体”总体布局、协调推进“四个全面”战略布局。',
      '协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。',
      '大力弘扬富强、民主、文明、和谐，自由、平等、公正、法治，爱国、敬业、诚信、友善的价值观。',
      '对照严以修身、严以用权、严以律己，谋事要实、创业要实、做人要实的标准。',
      '坚持创新发展、协调发展、绿色发展、开放发展、共享发展。',
      '组织党员学习党史、新中国史、改革开放史、社会主义发展史。',
      '不断提高政治判断力,政治领悟力,政治执行力。',
    ];
    for (const text of ok) expect(findings(text), text).toEqual([]);
  });

  it('ignores partial mentions', () => {
    const partial = [
      '坚决整治形式主义、官僚主义，为基层减负。',
      '持续纠治享乐主义和奢靡之风。',
      '增强政治意识、大局意识、核心意识，切实履职尽责。',
      '坚定制度自信、文化自信。',
      '坚持绿色、开放、共享的理念开展工作。',
      '各支部定期召开党小组会、支委会。',
    ];
    for (const text of partial) expect(findings(text), text).toEqual([]);
  });

  it('ignores members inside longer words and lists broken by other words', () => {
    const inside = [
      '推动科技创新、协调联动、绿色低碳、开放合作、共享共建。',
      '加强大局意识教育、政治意识培养、核心意识锤炼和看齐意识养成。',
      '统筹区域协调、创新、绿色、开放、共享经济等新业态发展。',
      '牢固树立大局意识、忧患意识、政治意识、核心意识、看齐意识。',
      '深化意识形态工作，增强看齐意识形成的合力。',
    ];
    for (const text of inside) expect(findings(text), text).toEqual([]);
  });

  it('ignores a list split across paragraphs', () => {
    expect(findings('增强大局意识、政治意识、\n核心意识、看齐意识。')).toEqual([]);
  });

  it('ignores the right forms of the mis-written terms', () => {
    expect(findings('反对奢靡之风，统筹推进五位一体总体布局和四个全面战略布局。')).toEqual([]);
  });
});

describe('formulation: config', () => {
  const configFile = {
    formulations: [
      {
        term: '三个表率',
        members: ['做学习贯彻的表率', '做对党忠诚的表率', '做担当作为的表率'],
        source: '某机关工委文件',
        misWritings: [{ wrong: '三个榜样', right: '三个表率' }],
      },
    ],
  };

  it('adds the config’s entries to the built-in dictionary', () => {
    const text = '机关党员要做对党忠诚的表率、做学习贯彻的表率、做担当作为的表率，树立“三个榜样”。';
    const messages = findings(text, 'text', configFile).map((f) => f.message);
    expect(messages).toEqual([
      expect.stringContaining('“三个表率”应为“做学习贯彻的表率、做对党忠诚的表率、做担当作为的表率”'),
      expect.stringContaining('“三个榜样”应为“三个表率”'),
    ]);
    // The built-in entries still apply.
    expect(findings('树立大局意识、政治意识、核心意识、看齐意识。', 'text', configFile)).toHaveLength(1);
  });

  it('lets a config entry replace a built-in one of the same term', () => {
    const replace = { formulations: [{ term: '四个意识', members: ['大局意识', '政治意识', '核心意识', '看齐意识'], source: '测试' }] };
    expect(findings('树立大局意识、政治意识、核心意识、看齐意识。', 'text', replace)).toEqual([]);
  });
});
