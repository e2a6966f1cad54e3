import { describe, expect, it } from 'vitest';
import { LintCache, lint } from '../src/core/lint';
import { resolveConfig } from '../src/core/config';
import type { DocumentFormat } from '../src/core/model';
import { placeholder } from '../src/rules/placeholder';

function findings(text: string, options: { format?: DocumentFormat; placeholders?: string[] } = {}) {
  const config = options.placeholders ? resolveConfig({ placeholders: options.placeholders }, [placeholder]) : undefined;
  return lint(text, [placeholder], { format: options.format ?? 'text', ...(config ? { config } : {}) }).findings;
}

/** The flagged stretches of the text, in order. */
function flagged(text: string, options: { format?: DocumentFormat; placeholders?: string[] } = {}): string[] {
  return findings(text, options).map((f) => text.slice(f.range.start, f.range.end));
}

describe('placeholder', () => {
  it('is an error without a fix', () => {
    expect(placeholder.defaultSeverity).toBe('error');
    expect(placeholder.fixable).toBe(false);
    const [f] = findings('本年度共召开支委会*次。');
    expect(f?.severity).toBe('error');
    expect(f?.fix).toBeUndefined();
    expect(f?.message).toBe('未填写的占位符“*”：此处应为具体数字或名称');
  });

  describe('asterisks standing for a number or a name', () => {
    it('finds each * before a measure word', () => {
      expect(flagged('全年开展集中学习*次，累计培训党员*名，走访困难群众*户。')).toEqual(['*', '*', '*']);
    });

    it('finds * inside a unit name', () => {
      expect(flagged('会后赴区*委、县*办调研。')).toEqual(['*', '*']);
    });

    it('reports a run of asterisks once', () => {
      const text = '2024年，*****党委坚持把党的政治建设摆在首位。';
      const fs = findings(text);
      expect(fs).toHaveLength(1);
      expect(text.slice(fs[0]!.range.start, fs[0]!.range.end)).toBe('*****');
      expect(fs[0]!.message).toContain('“*****”');
    });

    it('finds full-width ＊ and a doubled ** count', () => {
      expect(flagged('＊＊同志作表态发言。')).toEqual(['＊＊']);
      expect(flagged('开展谈心谈话**余人次。')).toEqual(['**']);
    });

    it('does not take two ** counts on one line for bold text', () => {
      expect(flagged('发展党员**名，确定入党积极分子**名。')).toEqual(['**', '**']);
    });

    it('finds a * inside quotation marks and before a title', () => {
      expect(flagged('打造“*先锋”志愿服务品牌，助力*现代化建设。')).toEqual(['*', '*']);
    });
  });

  describe('X, ×××, ＸＸ in a number’s or a name’s place', () => {
    it('finds names and dates', () => {
      expect(flagged('XX同志代表支部作表态发言。')).toEqual(['XX']);
      expect(flagged('支部定于X月X日召开专题组织生活会。')).toEqual(['X', 'X']);
      expect(flagged('×××同志任党支部书记。')).toEqual(['×××']);
      expect(flagged('ＸＸ县委组织部转发。')).toEqual(['ＸＸ']);
      expect(flagged('xx社区党委书记到会。')).toEqual(['xx']);
    });

    it('finds a year with a digit missing', () => {
      expect(flagged('202X年度抓基层党建工作述职报告')).toEqual(['X']);
      expect(flagged('20XX年是全面落实规划的关键一年。')).toEqual(['XX']);
    });
  });

  describe('某某, 〇〇, notes, （略）, TODO', () => {
    it('finds 某某 and 某某某', () => {
      expect(flagged('请某某单位于月底前报送材料。')).toEqual(['某某']);
      expect(flagged('推荐某某某同志为优秀共产党员。')).toEqual(['某某某']);
    });

    it('finds 〇〇 standing for a name', () => {
      expect(flagged('〇〇街道党工委召开专题会议。')).toEqual(['〇〇']);
      expect(flagged('○○村党支部书记述职。')).toEqual(['○○']);
    });

    it('finds notes left for the drafter', () => {
      expect(flagged('全年共办结群众诉求【待补】件。')).toEqual(['【待补】']);
      expect(flagged('召开时间【待定】，地点另行通知。')).toEqual(['【待定】']);
      expect(flagged('参训人数[待填]人。')).toEqual(['[待填]']);
      expect(flagged('整改完成率【此处填写最新数据】。')).toEqual(['【此处填写最新数据】']);
      expect(flagged('会议时间（待定）。')).toEqual(['（待定）']);
    });

    it('finds （略） and (略)', () => {
      expect(flagged('三、具体措施（略）')).toEqual(['（略）']);
      expect(flagged('附件：学习篇目(略)')).toEqual(['(略)']);
      expect(flagged('典型事例（此处略）。')).toEqual(['（此处略）']);
    });

    it('finds TODO, TBD and FIXME', () => {
      expect(flagged('TODO：补充第三季度数据。')).toEqual(['TODO']);
      expect(flagged('牵头单位：TBD。')).toEqual(['TBD']);
      expect(flagged('此段数据需核对FIXME')).toEqual(['FIXME']);
    });

    it('reports a note holding an X once', () => {
      expect(flagged('经费【待补XX万元】已拨付。')).toEqual(['【待补XX万元】']);
    });
  });

  describe('the user’s own patterns', () => {
    it('adds the config’s patterns', () => {
      const text = '共有△△名同志受到表彰，另有□□人次参加培训。';
      expect(flagged(text, { placeholders: ['△{2,}', '□□'] })).toEqual(['△△', '□□']);
      expect(findings(text, { placeholders: ['△{2,}'] })[0]!.message).toContain('“△△”');
      expect(flagged(text)).toEqual([]);
    });

    it('compiles the patterns with the u flag and skips empty matches', () => {
      expect(flagged('待补内容🔖请核实', { placeholders: ['\\u{1F516}', 'x*'] })).toEqual(['🔖']);
    });
  });

  describe('near misses', () => {
    it('leaves 汉字 years and numbers alone', () => {
      expect(flagged('二〇〇八年，二〇二〇年，一〇〇周年。')).toEqual([]);
    });

    it('leaves an anonymised person in a case report alone', () => {
      expect(flagged('通报了王某某违规收受礼金、李某某违规操办婚宴问题。')).toEqual([]);
    });

    it('leaves a single 某 alone', () => {
      expect(flagged('某单位某同志在检查中被发现问题。')).toEqual([]);
    });

    it('leaves X inside Latin words and in X光 alone', () => {
      expect(flagged('用Excel汇总台账，用TEXT函数处理，用Linux服务器存储。')).toEqual([]);
      expect(flagged('为卫生院配备X光机和X射线防护设备。')).toEqual([]);
    });

    it('leaves the asterisk sign explained in a form alone', () => {
      expect(flagged('注：带*号的为必填项，标*项须如实填写。')).toEqual([]);
    });

    it('leaves 1+X and X+N policy names alone', () => {
      expect(flagged('推进1+X证书制度试点，构建“X+N”服务模式。')).toEqual([]);
    });

    it('leaves products and formulas alone', () => {
      expect(flagged('制作3×4米展板，计算公式为a*b。')).toEqual([]);
      expect(flagged('展板尺寸按长×宽×高标注。')).toEqual([]);
    });

    it('leaves Markdown bold in a plain-text draft alone', () => {
      expect(flagged('**一是**抓好理论学习。**二是**规范组织生活。')).toEqual([]);
      expect(flagged('**（一）突出政治引领**')).toEqual([]);
    });

    it('leaves Markdown bold and list bullets alone', () => {
      expect(flagged('**一是**抓好理论学习。\n\n* 规范组织生活', { format: 'markdown' })).toEqual([]);
      expect(flagged('* 规范组织生活')).toEqual([]);
    });

    it('leaves ordinary brackets and words holding 略 or 待 alone', () => {
      expect(flagged('【典型案例】【学习园地】（详略得当）（战略）（待遇）')).toEqual([]);
      expect(flagged('落实发展战略，做到详略得当，不搞约略估计。')).toEqual([]);
    });

    it('leaves words that merely contain TODO alone', () => {
      expect(flagged('使用Todoist和TBDX软件。')).toEqual([]);
    });

    it('leaves a lone 〇 and a line of asterisks alone', () => {
      expect(flagged('〇\n***\n* * *')).toEqual([]);
    });
  });

  it('reads ** by the format even when one cache serves a plain-text and a Markdown lint', () => {
    // The same paragraph text: bold in plain text, escaped asterisks (two gaps) in Markdown.
    const cache = new LintCache();
    expect(lint('**一是**坚持学习。', [placeholder], { format: 'text', cache }).findings).toEqual([]);
    const md = '\\*\\*一是\\*\\*坚持学习。';
    const cached = lint(md, [placeholder], { format: 'markdown', cache }).findings;
    expect(cached).toHaveLength(2);
    expect(cached).toEqual(findings(md, { format: 'markdown' }));
  });
});
