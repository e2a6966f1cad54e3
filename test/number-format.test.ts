import { describe, expect, it } from 'vitest';
import { applyFixes, fixAll, LintCache, lint } from '../src/core/lint';
import { numberFormat } from '../src/rules/number-format';

function findings(text: string) {
  return lint(text, [numberFormat], { format: 'text' }).findings;
}

function flagged(text: string): string[] {
  return findings(text).map((f) => text.slice(f.range.start, f.range.end));
}

/** Applies the first pass of fixes and checks that nothing fixable is left after fixAll. */
function fixed(text: string): string {
  const fs = findings(text);
  expect(fs.length).toBeGreaterThan(0);
  const once = applyFixes(text, fs.flatMap((f) => (f.fix ? [f.fix] : []))).text;
  const all = fixAll(text, [numberFormat], { format: 'text' });
  expect(all.result.findings).toEqual([]);
  expect(all.text).toBe(once);
  return once;
}

describe('number-format', () => {
  it('is a fixable warning', () => {
    expect(numberFormat.defaultSeverity).toBe('warning');
    expect(numberFormat.fixable).toBe(true);
    expect(findings('全年发展党员１８名。')[0]?.severity).toBe('warning');
  });

  describe('full-width digits', () => {
    it('becomes half-width', () => {
      expect(fixed('全年发展党员１８名。')).toBe('全年发展党员18名。');
      expect(fixed('投入党建经费１２．５万元。')).toBe('投入党建经费12.5万元。');
      expect(findings('全年发展党员１８名。')[0]!.message).toBe('全角数字“１８”应改为半角“18”');
    });

    it('leaves a numbering marker to numbering-punctuation', () => {
      expect(flagged('１.加强理论武装\n（２）规范组织生活')).toEqual([]);
      expect(flagged('１.加强理论武装，全年学习１２次。')).toEqual(['１２']);
    });
  });

  describe('Arabic numerals with 千, 百, 十', () => {
    it('writes the number out', () => {
      expect(fixed('全年培训党员4千人次。')).toBe('全年培训党员4000人次。');
      expect(fixed('覆盖群众1.5千户。')).toBe('覆盖群众1500户。');
      expect(fixed('组织5百余名党员参加志愿服务。')).toBe('组织500余名党员参加志愿服务。');
      expect(fixed('争取资金4千万元。')).toBe('争取资金4000万元。');
      expect(findings('培训党员4千人次。')[0]!.message).toContain('应写作“4000”');
    });

    it('reports a chain without a fix', () => {
      const fs = findings('参与群众3千5百人。');
      expect(fs.map((f) => f.message)).toHaveLength(1);
      expect(fs[0]!.fix).toBeUndefined();
      expect(flagged('参与群众3千5百人。')).toEqual(['3千5百']);
    });

    it('leaves 万, 亿 and units alone', () => {
      expect(flagged('惠及群众3.5万人，完成投资1.5亿元，新增12万余个岗位。')).toEqual([]);
      expect(flagged('建成5千瓦光伏电站，铺设管网10千米。')).toEqual([]);
    });
  });

  describe('ranges', () => {
    it('repeats the percent sign and the 万', () => {
      expect(fixed('党员参学率提高15～30%。')).toBe('党员参学率提高15%～30%。');
      expect(fixed('参学率提高15-30%。')).toBe('参学率提高15%～30%。');
      expect(fixed('每个支部补助3～5万元。')).toBe('每个支部补助3万～5万元。');
    });

    it('joins years with a 一字线', () => {
      expect(fixed('制定2023-2025年党员教育培训规划。')).toBe('制定2023—2025年党员教育培训规划。');
      expect(fixed('2024年-2026年三年行动')).toBe('2024年—2026年三年行动');
    });

    it('leaves ranges written right alone', () => {
      expect(flagged('参学率提高15%～30%，规划期为2023—2025年，也可写作2023～2025年。')).toEqual([]);
      expect(flagged('每个支部补助3万～5万元。')).toEqual([]);
    });
  });

  describe('doubled approximation', () => {
    it('reports 约…余, 近…多, 大约…左右 without a fix', () => {
      expect(flagged('活动吸引约300余人参加。')).toEqual(['约300余']);
      expect(flagged('组织近300多名党员下沉社区。')).toEqual(['近300多']);
      expect(flagged('大约50名群众左右到场。')).toEqual(['大约50名群众左右']);
      expect(flagged('整改周期约两个月左右。')).toEqual(['约两个月左右']);
      expect(flagged('约三百余人参与。')).toEqual(['约三百余']);
      const [f] = findings('活动吸引约300余人参加。');
      expect(f!.fix).toBeUndefined();
      expect(f!.message).toContain('“约”与“余”');
    });

    it('leaves single approximations and 近 for a span of time alone', () => {
      expect(flagged('约300人参加，300余人报名，近300人到场，300人左右观看。')).toEqual([]);
      expect(flagged('近3年来，近10余年来，近一年多来，近20多个月来。')).toEqual([]);
    });

    it('leaves words ending in 约 or 近 alone', () => {
      expect(flagged('节约经费300余万元，签约30多家企业，附近200多户居民。')).toEqual([]);
      expect(flagged('约谈30余人次，制约因素2个左右。')).toEqual([]);
    });
  });

  describe('party congresses and plenary sessions', () => {
    it('writes them in 汉字', () => {
      expect(fixed('深入学习贯彻党的20大精神。')).toBe('深入学习贯彻党的二十大精神。');
      expect(fixed('学习20大报告。')).toBe('学习二十大报告。');
      expect(fixed('学习贯彻19届6中全会精神。')).toBe('学习贯彻十九届六中全会精神。');
      expect(fixed('学习贯彻二十届3中全会精神。')).toBe('学习贯彻二十届三中全会精神。');
      expect(fixed('党的20次全国代表大会胜利召开。')).toBe('党的第二十次全国代表大会胜利召开。');
      expect(findings('学习贯彻19届6中全会精神。')[0]!.message).toBe('全会届次应用汉字数字：“19届6中全会”应写作“十九届六中全会”');
    });

    it('leaves 汉字 congresses and other counts alone', () => {
      expect(flagged('学习贯彻党的二十大和二十届三中全会精神。')).toEqual([]);
      expect(flagged('打好3大攻坚战，覆盖全国20大城市。')).toEqual([]);
    });
  });

  describe('near misses', () => {
    it('leaves dates, decimals, phone numbers and thousands alone', () => {
      expect(flagged('2025年10月1日，2025-10-01，联系电话0551-12345678，增长3.14个百分点，共1,000人。')).toEqual([]);
    });

    it('leaves a hyphen between counts alone', () => {
      expect(flagged('落地实施项目8-10个。')).toEqual([]);
    });
  });

  it('decides the fix per paragraph when the editor remembers findings by a paragraph’s text', () => {
    // Both paragraphs read 共１８人 once the ** are gone; only the first can be rewritten.
    const md = '共１８人。\n\n共１**８**人。\n';
    const cached = lint(md, [numberFormat], { format: 'markdown', cache: new LintCache() }).findings;
    expect(cached.map((f) => f.fix !== undefined)).toEqual([true, false]);
    expect(cached).toEqual(lint(md, [numberFormat], { format: 'markdown' }).findings);
  });
});
