import { describe, expect, it } from 'vitest';
import { applyFixes, fixAll, LintCache, lint } from '../src/core/lint';
import type { DocumentFormat } from '../src/core/model';
import { punctuationWidth } from '../src/rules/punctuation-width';

function findings(text: string, format: DocumentFormat = 'text') {
  return lint(text, [punctuationWidth], { format }).findings;
}

function flagged(text: string, format: DocumentFormat = 'text'): string[] {
  return findings(text, format).map((f) => text.slice(f.range.start, f.range.end));
}

function fixed(text: string, format: DocumentFormat = 'text'): string {
  const fs = findings(text, format);
  expect(fs.length).toBeGreaterThan(0);
  for (const f of fs) expect(f.fix).toBeDefined();
  const once = applyFixes(text, fs.map((f) => f.fix!)).text;
  const all = fixAll(text, [punctuationWidth], { format });
  expect(all.result.findings).toEqual([]);
  expect(all.text).toBe(once);
  return once;
}

describe('punctuation-width', () => {
  it('is a fixable warning', () => {
    expect(punctuationWidth.defaultSeverity).toBe('warning');
    expect(punctuationWidth.fixable).toBe(true);
    const [f] = findings('今年以来,支部坚持每月学习。');
    expect(f?.severity).toBe('warning');
    expect(f?.message).toBe('中文语境中的半角逗号“,”应改为全角“，”');
  });

  describe('marks in Chinese text', () => {
    it('fixes , ; : between 汉字 and before a digit, one finding per mark', () => {
      const text = '今年以来,支部坚持每月学习;全年开展活动:主题党日12次。';
      expect(flagged(text)).toEqual([',', ';', ':']);
      const fs = findings(text);
      expect(new Set(fs.map((f) => f.fix!.range.start)).size).toBe(3);
      expect(fixed(text)).toBe('今年以来，支部坚持每月学习；全年开展活动：主题党日12次。');
      expect(fixed('2025年,市委召开专题会议。')).toBe('2025年，市委召开专题会议。');
    });

    it('fixes ? ! and : at the end of a line', () => {
      expect(fixed('同志们:\n我们为什么要抓党建?\n让我们携手奋进!')).toBe('同志们：\n我们为什么要抓党建？\n让我们携手奋进！');
    });

    it('fixes a mark after a closing quote or before an opening one', () => {
      expect(fixed('严格落实“三会一课”,规范主题党日。')).toBe('严格落实“三会一课”，规范主题党日。');
      expect(fixed('总书记强调:“要把党建工作抓实。”')).toBe('总书记强调：“要把党建工作抓实。”');
    });

    it('fixes a mark between a figure and 汉字', () => {
      expect(fixed('整改率95%;满意率达到98%。')).toBe('整改率95%；满意率达到98%。');
      expect(fixed('覆盖12个社区,其中3个为试点。')).toBe('覆盖12个社区，其中3个为试点。');
      expect(fixed('发现问题34个,均已整改。')).toBe('发现问题34个，均已整改。');
    });

    it('takes the space after a mark with it', () => {
      expect(fixed('坚持学思用贯通, 知信行统一。')).toBe('坚持学思用贯通，知信行统一。');
    });
  });

  describe('parentheses', () => {
    it('fixes a numbering marker in a half-width draft', () => {
      const text = '一、主要做法\n(一)抓好理论学习,提升政治能力。\n(二)夯实基层基础,建强战斗堡垒。';
      expect(fixed(text)).toBe('一、主要做法\n（一）抓好理论学习，提升政治能力。\n（二）夯实基层基础，建强战斗堡垒。');
    });

    it('fixes parentheses around 汉字 inside a line, each with its own fix', () => {
      expect(fixed('印发《党支部工作细则(试行)》。')).toBe('印发《党支部工作细则（试行）》。');
      expect(fixed('召开党组(扩大)会议,联系3个县(市、区)。')).toBe('召开党组（扩大）会议，联系3个县（市、区）。');
      expect(flagged('召开党组(扩大)会议。')).toEqual(['(', ')']);
    });

    it('fixes the half-width half of a mixed pair', () => {
      expect(fixed('推选优秀党员5名(含预备党员）。')).toBe('推选优秀党员5名（含预备党员）。');
    });

    it('fixes a mark after a half-width closing parenthesis that is fixed too', () => {
      expect(fixed('分管处室(单位),联系支部。')).toBe('分管处室（单位），联系支部。');
    });

    it('leaves a marker in a full-width draft to numbering-punctuation', () => {
      const text = '一、主要做法\n(一)抓好理论学习，提升政治能力。\n（二）夯实基层基础，建强战斗堡垒。';
      expect(flagged(text)).toEqual([]);
      expect(flagged('（一）抓好理论学习，印发《细则(试行)》。')).toEqual(['(', ')']);
    });

    it('leaves parentheses without 汉字 alone', () => {
      expect(flagged('见第(1)项和(a)项，(GDP)增长，函数f(x)。')).toEqual([]);
      expect(flagged('GDP(国内生产总值)增长。')).toEqual(['(', ')']);
    });
  });

  describe('near misses', () => {
    it('leaves numbers and times alone', () => {
      expect(flagged('共1,000人参加，会议于9:30开始，比例为3:2，分数为5,6。')).toEqual([]);
    });

    it('leaves times after a 汉字 label with a colon but fixes the label colon', () => {
      const text = '开始时间:9:30';
      expect(fixed(text)).toBe('开始时间：9:30');
    });

    it('leaves Latin text and URLs alone', () => {
      expect(flagged('Hello, world! Is it (really) fine?')).toEqual([]);
      expect(flagged('网址:https://www.example.cn/a?id=1,2;b=3')).toEqual([]);
      expect(flagged('使用OA,VPN和API:接口')).toEqual([]);
    });

    it('leaves a mark between 汉字 and Latin alone', () => {
      expect(flagged('推送至内网,OA系统同步。')).toEqual([]);
    });

    it('leaves a numbering marker’s own punctuation to numbering-punctuation', () => {
      expect(flagged('一,主要做法\n1,加强理论学习')).toEqual([]);
    });

    it('leaves full-width punctuation alone', () => {
      expect(flagged('今年以来，支部坚持每月学习；全年开展活动：主题党日12次。（一）试行！')).toEqual([]);
    });

    it('reads only prose in Markdown', () => {
      const md = '# 报告\n\n详见[通知](https://example.cn/a,b:c)和`x,y`。\n\n```\n中文,代码\n```\n';
      expect(flagged(md, 'markdown')).toEqual([]);
      expect(fixed('今年以来,**支部**坚持学习。', 'markdown')).toBe('今年以来，**支部**坚持学习。');
    });
  });

  it('reads a marker’s parentheses again when an edit elsewhere makes the draft half-width', () => {
    // (二) is numbering-punctuation's in a full-width draft and this rule's in a half-width one:
    // its line is unchanged, but what is reported on it changes with the rest of the draft.
    const before = '关于加强学习的情况报告\n一、总体情况。今年以来，支部坚持学习，效果较好。\n(二)主要做法\n';
    const after = before.replace('今年以来，支部坚持学习，效果较好。', '今年以来,支部坚持学习,效果较好,成绩突出。');
    const cache = new LintCache();
    const marks = (text: string, fs: readonly { range: { start: number; end: number } }[]): string[] => fs.map((f) => text.slice(f.range.start, f.range.end));
    expect(marks(before, lint(before, [punctuationWidth], { cache }).findings)).toEqual([]);
    const cached = lint(after, [punctuationWidth], { cache }).findings;
    expect(marks(after, cached)).toEqual([',', ',', ',', '(', ')']);
    expect(cached).toEqual(findings(after));
  });
});
