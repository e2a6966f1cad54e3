import { describe, expect, it } from 'vitest';
import { catastrophicReason } from '../src/core/regexsafety';
import { ConfigError, resolveConfig } from '../src/core/config';
import { RULES } from '../src/rules';

describe('user patterns that could backtrack catastrophically are refused', () => {
  it.each(['(a+)+$', '(a|aa)*b', '(\\w+\\s?)*$', '(x+x+)+y', '((ab)*)+', '(.*a){12}', '(a)\\1'])('refuses %s', (p) => {
    expect(catastrophicReason(p)).toBeDefined();
  });

  it.each(['某某单位', '[*＊]{2,}', 'X{2,3}同志', '(?:待补|待定)', '市[*＊]局', '(甲|乙)单位', '\\(略\\)', '[(]a+[)]'])('accepts %s', (p) => {
    expect(catastrophicReason(p)).toBeUndefined();
  });

  it('the config names the key of the unsafe pattern', () => {
    let problems: string[] = [];
    try {
      resolveConfig({ placeholders: ['某某', '(a+)+'] }, RULES);
    } catch (e) {
      if (e instanceof ConfigError) problems = e.problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('placeholders[1]');
  });
});
