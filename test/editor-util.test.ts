import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeDraftBytes } from '../src/core/decodebytes';
import { ruleDocFragment, ruleDocLines } from '../src/core/ruledocs';
import { Debouncer } from '../src/core/scheduler';
import { RULES } from '../src/rules';

describe('Debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after the last change, per key', () => {
    const d = new Debouncer<string>();
    const runs: string[] = [];
    d.schedule('a', 300, () => void runs.push('a1'));
    vi.advanceTimersByTime(200);
    d.schedule('a', 300, () => void runs.push('a2'));
    d.schedule('b', 300, () => void runs.push('b1'));
    vi.advanceTimersByTime(299);
    expect(runs).toEqual([]);
    expect(d.isPending('a')).toBe(true);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(['a2', 'b1']);
    expect(d.isPending('a')).toBe(false);
  });

  it('makes a running run stale when the key is scheduled, run or cancelled again', async () => {
    const d = new Debouncer<string>();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const published: string[] = [];
    const slow = d.runNow('a', async (isStale) => {
      await gate;
      if (!isStale()) published.push('slow');
    });
    d.schedule('a', 100, (isStale) => void (isStale() || published.push('fresh')));
    release();
    await slow;
    expect(published).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(published).toEqual(['fresh']);
    d.schedule('a', 100, () => void published.push('cancelled'));
    d.cancel('a');
    vi.advanceTimersByTime(500);
    expect(published).toEqual(['fresh']);
  });

  it('keeps a run started before a cancel stale even after the key is run again', async () => {
    const d = new Debouncer<string>();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const published: string[] = [];
    const old = d.runNow('a', async (isStale) => {
      await gate;
      if (!isStale()) published.push('old');
    });
    d.cancel('a'); // the document closed
    const fresh = d.runNow('a', (isStale) => void (isStale() || published.push('new'))); // and opened again
    release();
    await Promise.all([old, fresh]);
    expect(published).toEqual(['new']);
  });

  it('reports a failing run instead of throwing, and dispose drops everything', async () => {
    const errors: unknown[] = [];
    const d = new Debouncer<string>(undefined, (e) => errors.push(e));
    await d.runNow('a', () => {
      throw new Error('boom');
    });
    expect(errors).toHaveLength(1);
    let ran = false;
    d.schedule('b', 10, () => void (ran = true));
    d.dispose();
    vi.advanceTimersByTime(100);
    expect(ran).toBe(false);
  });
});

describe('decodeDraftBytes', () => {
  const utf8 = new TextEncoder().encode('一、主要做法');
  it('decodes UTF-8 with and without BOM, UTF-16 with BOM, and GB18030', () => {
    expect(decodeDraftBytes(utf8)).toBe('一、主要做法');
    expect(decodeDraftBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('一、主要做法');
    const le = [0xff, 0xfe, 0x00, 0x4e, 0x01, 0x30];
    expect(decodeDraftBytes(new Uint8Array(le))).toBe('一、');
    expect(decodeDraftBytes(new Uint8Array([0xfe, 0xff, 0x4e, 0x00, 0x30, 0x01]))).toBe('一、');
    expect(decodeDraftBytes(new Uint8Array([0xd2, 0xbb, 0xa1, 0xa2]))).toBe('一、'); // GBK
  });
  it('refuses binary files and broken encodings', () => {
    expect(decodeDraftBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBeUndefined();
    expect(decodeDraftBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xff]))).toBeUndefined();
    expect(decodeDraftBytes(new Uint8Array([0xff, 0xfe, 0x00]))).toBeUndefined();
  });
});

describe('ruleDocLines', () => {
  it('finds the rule’s own section, else the table row that names it', () => {
    const readme = '# 说明\n正文提到 `placeholder`。\n| id | 说明 |\n|---|---|\n| [`numbering-sequence`](#numbering-sequence) | 序号 |\n| `placeholder` | 占位 |\n### placeholder\n- ✗ `*次`\n';
    const lines = ruleDocLines(readme, ['numbering-sequence', 'placeholder', 'formulation']);
    expect([...lines]).toEqual([
      ['numbering-sequence', 4],
      ['placeholder', 6],
    ]);
    expect(ruleDocFragment(lines, 'placeholder')).toBe('L7');
    expect(ruleDocFragment(lines, 'formulation')).toBe('formulation');
  });

  it('finds every rule in the project README', () => {
    const readme = readFileSync(path.join(__dirname, '../README.md'), 'utf8');
    const lines = ruleDocLines(readme, RULES.map((r) => r.id));
    for (const r of RULES) {
      expect(lines.has(r.id), r.id).toBe(true);
      expect(readme.split('\n')[lines.get(r.id)!]).toMatch(new RegExp(`^#+ \`?${r.id}\`?$`));
    }
  });
});
