import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from '../src/core/schema';
import { ConfigError, resolveConfig } from '../src/core/config';
import { RULES } from '../src/rules';

const FILE = path.resolve(__dirname, '../schemas/dangjianrc.schema.json');

describe('the JSON schema of .dangjianrc.json', () => {
  const generated = configJsonSchema(RULES.map((r) => r.id));

  it('is committed as generated from the zod schema (run `node scripts/gen-schema.mjs` after changing it)', () => {
    expect(JSON.parse(readFileSync(FILE, 'utf8'))).toEqual(generated);
  });

  const validate = new Ajv({ strict: false }).compile(generated);
  const cases: [string, unknown][] = [
    ['an empty config', {}],
    ['rule severities and options', { rules: { 'numbering-level': ['warning', { skipOneLevel: 'off' }], 'punctuation-width': 'off' } }],
    ['a document type of its own', { documentType: 'minutes', documentTypes: { minutes: { name: '会议纪要', titleCues: ['纪要'], requiredSections: [{ name: '议定事项', words: ['议定'] }] } } }],
    ['extra formulations and placeholders', { formulations: [{ term: '两个坚持', members: ['甲', '乙'], source: '某文件' }], placeholders: ['某局'] }],
  ];
  for (const [name, config] of cases) {
    it(`accepts ${name}, as the linter does`, () => {
      expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
      expect(() => resolveConfig(config, RULES)).not.toThrow();
    });
  }

  const bad: [string, unknown, RegExp][] = [
    ['an unknown rule id', { rules: { 'no-such-rule': 'error' } }, /no-such-rule/],
    ['a wrong severity', { rules: { placeholder: 'fatal' } }, /rules\.placeholder/],
    ['an unknown key', { rule: {} }, /rule/],
    ['a wrong type', { documentTypes: { x: { name: '甲', titleCues: '乙', requiredSections: [] } } }, /documentTypes\.x\.titleCues/],
  ];
  for (const [name, config, key] of bad) {
    it(`rejects ${name}, and the linter names the key`, () => {
      expect(validate(config)).toBe(false);
      let problems: string[] = [];
      try {
        resolveConfig(config, RULES);
      } catch (e) {
        if (e instanceof ConfigError) problems = e.problems;
      }
      expect(problems.join('\n')).toMatch(key);
    });
  }

  // zod/mini loads no locale: an issue code that describeIssue() does not word itself would reach
  // the user as "Invalid input", with no hint of what is wrong.
  it('words each problem in Chinese, naming the key and what it should be', () => {
    const problemsOf = (config: unknown): string[] => {
      try {
        resolveConfig(config, RULES);
      } catch (e) {
        if (e instanceof ConfigError) return e.problems;
      }
      return [];
    };
    expect(problemsOf(5)).toEqual(['“（根）” 的类型不对：应为 object']);
    expect(problemsOf({ rules: { placeholder: 'fatal' } })).toEqual(['“rules.placeholder” 的写法不对：应为 "off" | "info" | "warning" | "error"，或 [级别, {选项}]']);
    expect(problemsOf({ documentTypes: { x: { name: '', titleCues: [''], requiredSections: [{ name: '甲', words: [] }], salutation: '是', extra: 1 } } })).toEqual([
      '“documentTypes.x.name” 不能为空',
      '“documentTypes.x.titleCues[0]” 不能为空',
      '“documentTypes.x.requiredSections[0].words” 不能为空',
      '“documentTypes.x.salutation” 的类型不对：应为 boolean',
      '“documentTypes.x” 中有不认识的键：extra',
    ]);
    expect(problemsOf({ formulations: [{ term: '甲', members: ['乙'], source: '丙', misWritings: [{ wrong: '丁', right: 1 }] }] })).toEqual([
      '“formulations[0].misWritings[0].right” 的类型不对：应为 string',
    ]);
    expect(problemsOf({ rules: { 'numbering-level': ['warning', { skipOneLevel: 'fatal' }] } })).toEqual([
      '“rules.numbering-level[1].skipOneLevel” 的取值不对：应为 "off" | "info" | "warning" | "error" 之一',
    ]);
    expect(problemsOf({ rules: { 'numbering-level': ['warning', { skip: 'off' }] } })).toEqual(['“rules.numbering-level[1]” 中有不认识的键：skip']);
  });
});
