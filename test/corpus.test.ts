import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import type { JsonResult } from '../src/cli/format';

// The real documents are read in place and never copied into the repository.
const CORPUS = path.resolve(__dirname, '../../shared/corpus');
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus tests skipped: ${CORPUS} does not exist`);

/**
 * What a careful reviewer would flag in each document, as "line ruleId", and why. Anything the
 * linter reports beyond this list is a false alarm; anything missing is a miss.
 */
const EXPECTED: Record<string, { findings: string[]; why: string }> = {
  '000_6ed43833130b98f2.txt': {
    findings: ['1 numbering-sequence', '8 required-section', '8 required-section', '18 inline-sequence'],
    why:
      'Lines 1–7 are an outline pasted before the title; the body then numbers 一、 again (line 10), so the draft ' +
      'holds two 一、 at the top level. The body stops after 一、主要做法 (the outline promised 二、下一步计划): a 述职报告 ' +
      'with neither a 问题 nor an 打算 section. Section （四） (line 18) stops mid-sentence after 一是 with no 二是: the draft was cut short.',
  },
  '001_b6a6d13a0496e086.txt': { findings: [], why: 'Two sections, each with a clean （一）… run.' },
  '002_993c40a8034a681c.txt': {
    findings: ['1 required-section'],
    why:
      'A 述职报告 with 一、主要做法 and 二、下一步打算 but no section on 存在的问题 (问题/不足/差距/短板), which a 述职报告 must have. ' +
      'Its numbering is clean, and its sibling headings all end with 。 alike, which is consistent.',
  },
  '003_d9353df110077017.txt': {
    findings: [],
    why:
      'Well numbered: 一、二、三、, 一是…三是, 第一…第五, 一要…三要; 第一责任人, 第一种形态 and 一分部署 are not markers. ' +
      '我讲三点意见 is followed by three sections and 以下五个方面 by 第一…第五; it opens with 同志们 and closes with 谢谢大家.',
  },
  '004_6fbf621f511f695f.txt': {
    findings: [],
    why: 'Clean numbering with inline 一是… runs inside （一）… paragraphs; 二、存在的问题及下一步工作打算 meets both requirements of a 情况报告 at once.',
  },
};

async function lintCorpus(file: string): Promise<JsonResult> {
  let out = '';
  const code = await main(['--format', 'json', path.join(CORPUS, file)], {
    cwd: CORPUS,
    stdout: (s) => (out += s),
    stderr: () => {},
    color: false,
  });
  expect(code).toBeLessThan(2);
  return (JSON.parse(out) as JsonResult[])[0]!;
}

describe.skipIf(!present)('the real documents in ../shared/corpus', () => {
  it('has the documents this test knows', () => {
    expect(readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, { findings, why }] of Object.entries(EXPECTED)) {
    it(`${file}: ${why}`, async () => {
      const result = await lintCorpus(file);
      const actual = result.messages.map((m) => `${m.line} ${m.ruleId}`).sort();
      expect(actual, result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`).join('\n')).toEqual([...findings].sort());
    });
  }

  it('no numbering finding at all in the well-numbered speech 003', async () => {
    const result = await lintCorpus('003_d9353df110077017.txt');
    expect(result.messages.filter((m) => m.ruleId?.startsWith('numbering') || m.ruleId === 'inline-sequence')).toEqual([]);
  });
});
