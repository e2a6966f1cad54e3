import { describe, expect, it } from 'vitest';
import { locateProblem, parseJsonLocated, parseKeyPath } from '../src/core/jsonloc';

const at = (text: string, s: string): { start: number; end: number } => {
  const start = text.indexOf(s);
  return { start, end: start + s.length };
};

describe('parseJsonLocated', () => {
  it('parses like JSON.parse and locates keys (last duplicate wins) and array elements', () => {
    const text = '{\n  "rules": {"placeholder": "off", "placeholder": "info"},\n  "placeholders": ["a", "[b"]\n}';
    const j = parseJsonLocated(text);
    expect(j.error).toBeUndefined();
    expect(j.value).toEqual(JSON.parse(text));
    expect(j.locate(['rules'])).toEqual(at(text, '"rules"'));
    const second = text.lastIndexOf('"placeholder"');
    expect(j.locate(['rules', 'placeholder'])).toEqual({ start: second, end: second + '"placeholder"'.length });
    expect(j.locate(['placeholders', 1])).toEqual(at(text, '"[b"'));
    expect(j.locate(['nope'])).toBeUndefined();
    expect(j.locate([])).toEqual({ start: 0, end: 1 });
  });

  it('keeps offsets when the file starts with a BOM', () => {
    const text = '\ufeff{"documentType": 1}';
    const j = parseJsonLocated(text);
    expect(j.error).toBeUndefined();
    expect(j.locate(['documentType'])).toEqual(at(text, '"documentType"'));
  });

  it('reports where the text stops being JSON, in Chinese', () => {
    const cases: [string, number][] = [
      ['{"rules": {"a": "off",}}', '{"rules": {"a": "off",'.length],
      ['{"rules" "off"}', '{"rules" '.length],
      ['{"a": tru}', '{"a": '.length],
      ['{"a": 1} x', '{"a": 1} '.length],
      ['{"a": "\\q"}', '{"a": "\\'.length],
      ["{'a': 1}", 1],
    ];
    for (const [text, offset] of cases) {
      const j = parseJsonLocated(text);
      expect(j.value, text).toBeUndefined();
      expect(j.error?.offset, text).toBe(offset);
      expect(j.error?.message, text).toMatch(/^不是合法的 JSON：/);
    }
    expect(parseJsonLocated('{"a": 1').error?.message).toContain('文件结尾');
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const t of ['[]', '{}', '-0.5e+3', '"\\u00e9"', 'null', ' [1, [2, {"x": [true, false]}]] ']) {
      expect(parseJsonLocated(t).error, t).toBeUndefined();
    }
    for (const t of ['', '-', '01', '[1,]', '{"a":1,}', '"\\x"', '[1 2]']) {
      expect(parseJsonLocated(t).error, t).toBeDefined();
    }
  });
});

describe('locateProblem', () => {
  const text = '{\n  "rules": {"no-such-rule": "off", "placeholder": "loud"},\n  "documentType": "memo",\n  "placeholders": ["ok", "(bad"],\n  "extra": 1\n}';
  const j = parseJsonLocated(text);
  it('finds the key each config message names', () => {
    expect(locateProblem(j, '“rules” 中的规则 “no-such-rule” 不存在')).toEqual(at(text, '"no-such-rule"'));
    expect(locateProblem(j, '“rules.placeholder” 的写法不对')).toEqual(at(text, '"placeholder"'));
    expect(locateProblem(j, '“documentType” 的取值 “memo” 不是已知的文稿类型')).toEqual(at(text, '"documentType"'));
    expect(locateProblem(j, '“placeholders[1]” 不是合法的正则表达式：(bad')).toEqual(at(text, '"(bad"'));
    expect(locateProblem(j, '“（根）” 中有不认识的键：extra')).toEqual(at(text, '"extra"'));
    expect(locateProblem(j, '“rules.placeholder[1].x” 的类型不对')).toEqual(at(text, '"placeholder"'));
    expect(locateProblem(j, 'no key here')).toBeUndefined();
  });

  it('reads key paths as the messages write them', () => {
    expect(parseKeyPath('rules.numbering-level[1].max')).toEqual(['rules', 'numbering-level', 1, 'max']);
    expect(parseKeyPath('formulations[0].members[2]')).toEqual(['formulations', 0, 'members', 2]);
    expect(parseKeyPath('（根）')).toEqual([]);
  });
});
