import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/core/model';
import { outlineOf } from '../src/core/outline';
import { draftCharCount } from '../src/core/sections';

describe('字数 of a section in the outline', () => {
  it('counts the prose, not the Markdown markup around it', () => {
    const md = '# 关于支部工作的报告\n\n## 一、基本情况\n\n### （一）组织建设\n\n**支部**按期换届。\n';
    const plain = '关于支部工作的报告\n\n一、基本情况\n\n（一）组织建设\n\n支部按期换届。\n';
    const [mdTop] = outlineOf(buildModel(md, 'markdown'));
    const [plainTop] = outlineOf(buildModel(plain, 'text'));
    expect(mdTop!.chars).toBe(plainTop!.chars);
    expect(mdTop!.children[0]!.chars).toBe(plainTop!.children[0]!.chars);
  });

  it('never exceeds the count of the whole draft', () => {
    const md = '# 报告\n\n## 一、甲\n\n### （一）乙\n\n**丙**正文。\n';
    const model = buildModel(md, 'markdown');
    const total = draftCharCount(model);
    expect(outlineOf(model)[0]!.chars).toBeLessThanOrEqual(total);
  });

  it('in plain text is the count of the section’s lines', () => {
    const text = '一、甲乙\n丙丁。\n二、戊\n';
    const [first, second] = outlineOf(buildModel(text, 'text'));
    expect(first!.chars).toBe(7);
    expect(second!.chars).toBe(3);
  });
});
