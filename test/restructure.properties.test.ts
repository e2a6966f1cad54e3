/**
 * Property tests of the section commands (issue 8) over generated well-numbered drafts, plain text
 * and Markdown: every operation that is not refused leaves numbering the numbering rules accept,
 * changes nothing but the moved text and the markers, and the round trips give back the text.
 *
 * Seeded: FC_SEED=<n> npx vitest run test/restructure.properties.test.ts reproduces a run; on a
 * failure fast-check prints the seed, the path and the shrunk counterexample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/core/lint';
import { resolveConfig } from '../src/core/config';
import { buildModel, type DocumentFormat, type DocumentModel, type Section } from '../src/core/model';
import { canonicalMarker, type MarkerLevel } from '../src/core/markers';
import { availableOps, restructure, sectionIndexAt, NEW_HEADING_PLACEHOLDER, type RestructureOp, type RestructurePlan } from '../src/core/restructure';
import type { Fix } from '../src/core/types';
import { RULES } from '../src/rules';

const DEFAULT_SEED = 8_2025;
const SEED = process.env.FC_SEED !== undefined && process.env.FC_SEED !== '' ? Number(process.env.FC_SEED) : DEFAULT_SEED;
if (!Number.isInteger(SEED)) throw new Error(`FC_SEED must be an integer, got ${process.env.FC_SEED}`);

/**
 * Runs per property: 2,500 in all, about 10 s on an idle 2-core machine. A property that runs past
 * 12 s (a loaded machine) stops there without failing, so that no test reaches vitest's timeout.
 */
const RUNS = { drafts: 200, any: 1000, moveRoundTrip: 400, levelRoundTrip: 300, promoteRoundTrip: 300, remove: 300 };

function params<T>(numRuns: number): fc.Parameters<T> {
  return { seed: SEED, numRuns, interruptAfterTimeLimit: 12_000, markInterruptAsFailure: false };
}

const NUMBERING = RULES.filter((r) => ['numbering-sequence', 'numbering-level', 'numbering-punctuation', 'numbering-style-mix'].includes(r.id));
const CONFIG = resolveConfig({}, NUMBERING);

// ---------------------------------------------------------------------------------------------
// Generated drafts: a title, an opening, then a tree of numbered sections (一、 （一） 1. （1） ①)
// numbered correctly; headings alone on their line or the first sentence of a paragraph, with
// body paragraphs, inline 一是/二是 runs; every line end, indentation, a final line end or not;
// in Markdown, the document's own mapping of levels to `#` depths (or plain lines) and bold heads.

const HEADINGS = ['加强理论学习', '抓实支部建设', '推进作风转变', '压实主体责任', '深化廉政教育', '规范组织生活', '存在的不足', '下一步打算', '坚持问题导向', '强化日常监督', '开展谈心谈话', '健全工作机制'];
const BODIES = [
  '全年组织集中学习12次。',
  '按时召开组织生活会。',
  '一是精简会议文件，二是改进调查研究。',
  '第一，学原文；第二，悟原理。',
  '班子成员之间谈心谈话全覆盖。',
  '首先，要提高认识；其次，要压实责任。',
  '坚持每月开展一次主题党日活动。',
  '群众满意度进一步提升。',
];

interface GenSection {
  level: number;
  heading: string;
  period: boolean;
  /** The heading is the first sentence of a paragraph that goes on with this body. */
  inlineBody: string | null;
  bold: boolean;
  bodies: string[];
}

const sectionArb = fc.record({
  // Deeper more often than shallower, so that drafts reach （1） and ① now and then.
  step: fc.constantFrom(1, 1, 1, 0, 0, 0, -1, -1, -2, -3),
  heading: fc.constantFrom(...HEADINGS),
  period: fc.boolean(),
  inlineBody: fc.option(fc.constantFrom(...BODIES), { freq: 3 }),
  bold: fc.boolean(),
  bodies: fc.array(fc.constantFrom(...BODIES), { maxLength: 2 }),
});

interface Draft {
  text: string;
  format: DocumentFormat;
}

const draftArb: fc.Arbitrary<Draft> = fc
  .record({
    format: fc.constantFrom<DocumentFormat>('text', 'markdown'),
    eol: fc.constantFrom('\n', '\r\n'),
    finalEol: fc.boolean(),
    sections: fc.array(sectionArb, { minLength: 1, maxLength: 12 }),
    gaps: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
    indent: fc.constantFrom('', '', '\u3000\u3000', '  '),
    atxLevels: fc.integer({ min: 0, max: 3 }),
    atxBase: fc.integer({ min: 1, max: 2 }),
    opening: fc.boolean(),
  })
  .map((d) => {
    // Levels walk down at most one step at a time, so the tree skips no level.
    const levels: number[] = [];
    for (const s of d.sections) levels.push(levels.length ? Math.max(1, Math.min(5, levels[levels.length - 1]! + s.step)) : 1);
    const counters = [0, 0, 0, 0, 0, 0];
    const md = d.format === 'markdown';
    const lines: string[] = [md && d.atxLevels && d.atxBase === 2 ? '# 关于2024年度党建工作的述职报告' : '关于2024年度党建工作的述职报告'];
    if (d.opening) lines.push('现将有关情况报告如下。');
    d.sections.forEach((s, i) => {
      const level = levels[i]!;
      counters[level]!++;
      for (let deeper = level + 1; deeper < counters.length; deeper++) counters[deeper] = 0;
      const marker = canonicalMarker(level as MarkerLevel, counters[level]!);
      const atx = md && level <= d.atxLevels ? '#'.repeat(d.atxBase + level - 1) + ' ' : '';
      const head = marker + s.heading + (s.period || s.inlineBody ? '。' : '');
      if (s.inlineBody && md && !atx && s.bold) lines.push(`**${head}**${s.inlineBody}`);
      else lines.push(atx + (md ? '' : d.indent) + head + (s.inlineBody && !atx ? s.inlineBody : ''));
      for (const b of s.bodies) lines.push((md ? '' : d.indent) + b);
    });
    let text = '';
    lines.forEach((l, i) => {
      text += l;
      if (i < lines.length - 1) text += d.gaps[i % d.gaps.length] ? d.eol + d.eol : d.eol;
      else if (d.finalEol) text += d.eol;
    });
    return { text, format: d.format };
  });

const KINDS = ['moveUp', 'moveDown', 'promote', 'demote', 'delete', 'insertAfter', 'moveBefore', 'moveAfter', 'moveInto'] as const;
const opArb = fc.record({ kind: fc.constantFrom(...KINDS), section: fc.nat(), target: fc.nat() });

// ---------------------------------------------------------------------------------------------
// Checks

/** The numbering rules' findings on a text, and the model they read (so that no test builds it twice). */
function checked(text: string, format: DocumentFormat): { findings: string[]; model: DocumentModel } {
  const r = lint(text, NUMBERING, { format, config: CONFIG });
  return { findings: r.findings.map((f) => `${f.ruleId}: ${f.message}`), model: r.model };
}

/** Applies edits in one pass, after checking they are in text order and do not overlap. */
function applyOnce(text: string, edits: readonly Fix[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.range.start < at || e.range.end < e.range.start || e.range.end > text.length) throw new Error(`edits overlap or run backwards: ${JSON.stringify(edits)}`);
    out += text.slice(at, e.range.start) + e.text;
    at = e.range.end;
  }
  return out + text.slice(at);
}

/**
 * The non-blank lines of a draft, each heading line with everything up to the end of its marker
 * (indentation, `#`s, bold, the marker) replaced by §: what an operation may not change but move.
 */
function skeleton(model: DocumentModel): string[] {
  const { text, lines } = model;
  const heads = new Map(model.allSections.map((s) => [model.paragraphs[s.paragraph]!.line, s]));
  const out: string[] = [];
  for (let l = 0; l < lines.lineCount; l++) {
    const s = heads.get(l);
    const line = s ? '§' + text.slice(s.marker.range.end, lines.lineEnd(l)) : text.slice(lines.lineStart(l), lines.lineEnd(l));
    if (line.trim() !== '') out.push(line);
  }
  return out;
}

/** The skeleton lines of a section's subtree, and where they start among the skeleton's lines. */
function subtreeLines(model: DocumentModel, all: readonly string[], s: Section): { at: number; lines: string[] } {
  const first = model.lines.lineAt(s.range.start);
  const last = model.lines.lineAt(s.range.end);
  let before = 0;
  let count = 0;
  for (let l = 0; l <= last; l++) {
    const blank = model.text.slice(model.lines.lineStart(l), model.lines.lineEnd(l)).trim() === '';
    if (blank) continue;
    if (l < first) before++;
    else count++;
  }
  return { at: before, lines: all.slice(before, before + count) };
}

function subtree(s: Section): Section[] {
  return [s, ...s.children.flatMap(subtree)];
}

function depthBelow(s: Section): number {
  return Math.max(0, ...s.children.map((c) => c.level - s.level + depthBelow(c)));
}

function within(s: Section, root: Section): boolean {
  for (let x: Section | undefined = s; x; x = x.parent) if (x === root) return true;
  return false;
}

function opFor(model: DocumentModel, o: { kind: (typeof KINDS)[number]; section: number; target: number }): RestructureOp {
  const n = model.allSections.length;
  const section = o.section % n;
  if (o.kind === 'moveBefore' || o.kind === 'moveAfter' || o.kind === 'moveInto') return { kind: o.kind, section, target: o.target % n };
  return { kind: o.kind, section };
}

/** Whether the operation should be refused on a well-numbered draft with short headings. */
function shouldRefuse(model: DocumentModel, op: RestructureOp): boolean {
  const s = model.allSections[op.section]!;
  if (!('target' in op)) return !availableOps(model, op.section).has(op.kind);
  const t = model.allSections[op.target]!;
  if (within(t, s)) return true;
  const kids = t.children.filter((c) => c !== s);
  const level = op.kind === 'moveInto' ? (kids.length ? kids[kids.length - 1]!.level : t.level + 1) : t.level;
  return level + depthBelow(s) > 5;
}

function planOf(model: DocumentModel, op: RestructureOp): RestructurePlan {
  const r = restructure(model, op);
  if ('refused' in r) throw new Error(`refused ${JSON.stringify(op)}: ${r.refused}`);
  return r;
}

/** Finds `part` as a contiguous stretch of `whole` such that the rest is `rest`. */
function movedWithin(whole: string[], part: string[], rest: string[]): boolean {
  for (let k = 0; k + part.length <= whole.length; k++) {
    if (part.every((l, j) => whole[k + j] === l) && [...whole.slice(0, k), ...whole.slice(k + part.length)].join('\n') === rest.join('\n')) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------

describe('restructure properties', () => {
  it('generates drafts the numbering rules accept', () => {
    fc.assert(
      fc.property(draftArb, (d) => {
        expect(checked(d.text, d.format).findings).toEqual([]);
      }),
      params(RUNS.drafts),
    );
  });

  it('every operation not refused leaves correct numbering and changes only the moved text and the markers', () => {
    let applied = 0;
    let tried = 0;
    fc.assert(
      fc.property(draftArb, opArb, (d, o) => {
        tried++;
        const model = buildModel(d.text, d.format);
        const op = opFor(model, o);
        const s = model.allSections[op.section]!;
        const r = restructure(model, op);
        expect('refused' in r, JSON.stringify(r)).toBe(shouldRefuse(model, op));
        if ('refused' in r) return;
        applied++;
        const out = applyOnce(d.text, r.edits);
        const { findings, model: after } = checked(out, d.format);
        expect(findings).toEqual([]);
        const old = skeleton(model);
        const now = skeleton(after);
        const moved = subtreeLines(model, old, s);
        const rest = [...old.slice(0, moved.at), ...old.slice(moved.at + moved.lines.length)];
        // The title and opening stay as they were, to the character.
        const bodyStart = model.lines.lineStart(model.paragraphs[model.allSections[0]!.paragraph]!.line);
        expect(out.startsWith(d.text.slice(0, bodyStart).trimEnd())).toBe(true);
        if (op.kind === 'delete') {
          expect(now).toEqual(rest);
          expect(r.selection).toBeUndefined();
          return;
        }
        expect(r.selection).toBeDefined();
        const sel = r.selection!;
        if (op.kind === 'insertAfter') {
          const line = '§' + NEW_HEADING_PLACEHOLDER + (s.headingEndsWithPeriod ? '。' : '');
          expect(now).toEqual([...old.slice(0, moved.at + moved.lines.length), line, ...old.slice(moved.at + moved.lines.length)]);
          expect(out.slice(sel.start, sel.end)).toBe(NEW_HEADING_PLACEHOLDER);
          return;
        }
        // A move: the subtree's lines moved as one stretch, everything else in its order.
        expect(movedWithin(now, moved.lines, rest)).toBe(true);
        // The selection is the moved heading; its subtree has the same headings, each level shifted alike.
        const landed = after.allSections[sectionIndexAt(after, sel.start)!]!;
        expect(sel).toEqual({ start: landed.headingRange.start, end: landed.headingRange.end });
        const before = subtree(s);
        const nowTree = subtree(landed);
        expect(nowTree.map((x) => x.heading)).toEqual(before.map((x) => x.heading));
        const shift = landed.level - s.level;
        expect(nowTree.map((x) => x.level - shift)).toEqual(before.map((x) => x.level));
      }),
      params(RUNS.any),
    );
    // Most operations apply: the properties are not met by refusing.
    expect(applied).toBeGreaterThan(tried * 0.4);
  });

  it('moveDown then moveUp, and moveUp then moveDown, give back the text exactly', () => {
    fc.assert(
      fc.property(draftArb, fc.nat(), fc.boolean(), (d, k, down) => {
        const model = buildModel(d.text, d.format);
        const first = down ? 'moveDown' : 'moveUp';
        const candidates = model.allSections.map((_, i) => i).filter((i) => availableOps(model, i).has(first));
        if (!candidates.length) return;
        const section = candidates[k % candidates.length]!;
        const r1 = planOf(model, { kind: first, section });
        const out = applyOnce(d.text, r1.edits);
        const model2 = buildModel(out, d.format);
        const back = planOf(model2, { kind: down ? 'moveUp' : 'moveDown', section: sectionIndexAt(model2, r1.selection!.start)! });
        expect(applyOnce(out, back.edits)).toBe(d.text);
      }),
      params(RUNS.moveRoundTrip),
    );
  });

  it('demote then promote gives back the text exactly', () => {
    fc.assert(
      fc.property(draftArb, fc.nat(), (d, k) => {
        const model = buildModel(d.text, d.format);
        const candidates = model.allSections.map((_, i) => i).filter((i) => availableOps(model, i).has('demote'));
        if (!candidates.length) return;
        const r1 = planOf(model, { kind: 'demote', section: candidates[k % candidates.length]! });
        const out = applyOnce(d.text, r1.edits);
        const model2 = buildModel(out, d.format);
        const back = planOf(model2, { kind: 'promote', section: sectionIndexAt(model2, r1.selection!.start)! });
        expect(applyOnce(out, back.edits)).toBe(d.text);
      }),
      params(RUNS.levelRoundTrip),
    );
  });

  /**
   * In Markdown, a level that no other heading of the draft shows takes its form from the moving
   * heading (one # deeper, or a plain line): a plain line promoted to a `#` level, the only one of
   * its level, comes back as a `##` heading. So the round trip holds where the draft still shows
   * the form of each level of the subtree.
   */
  it('promote then demote gives back the text when the section was its parent’s last child', () => {
    const evidence = (model: DocumentModel, s: Section): boolean =>
      model.format === 'text' || subtree(s).every((x) => model.allSections.some((y) => y.level === x.level && !within(y, s)));
    fc.assert(
      fc.property(draftArb, fc.nat(), (d, k) => {
        const model = buildModel(d.text, d.format);
        const candidates = model.allSections
          .map((s, i) => ({ s, i }))
          .filter(({ s }) => s.parent && s.parent.children[s.parent.children.length - 1] === s && evidence(model, s))
          .map(({ i }) => i);
        if (!candidates.length) return;
        const r1 = planOf(model, { kind: 'promote', section: candidates[k % candidates.length]! });
        const out = applyOnce(d.text, r1.edits);
        const model2 = buildModel(out, d.format);
        const back = planOf(model2, { kind: 'demote', section: sectionIndexAt(model2, r1.selection!.start)! });
        expect(applyOnce(out, back.edits)).toBe(d.text);
      }),
      params(RUNS.promoteRoundTrip),
    );
  });

  it('delete changes no marker but those of the siblings after the section', () => {
    fc.assert(
      fc.property(draftArb, fc.nat(), (d, k) => {
        const model = buildModel(d.text, d.format);
        const s = model.allSections[k % model.allSections.length]!;
        const r = planOf(model, { kind: 'delete', section: model.allSections.indexOf(s) });
        const after = buildModel(applyOnce(d.text, r.edits), d.format);
        const gone = new Set(subtree(s));
        const kept = model.allSections.filter((x) => !gone.has(x));
        const siblings = (s.parent ? s.parent.children : model.sections).filter((x) => x.level === s.level);
        const later = new Set(siblings.slice(siblings.indexOf(s) + 1));
        expect(after.allSections.length).toBe(kept.length);
        kept.forEach((x, j) => {
          const y = after.allSections[j]!;
          expect(y.heading).toBe(x.heading);
          expect(y.marker.value).toBe(later.has(x) ? x.marker.value - 1 : x.marker.value);
          if (!later.has(x)) expect(y.marker.text).toBe(x.marker.text);
        });
      }),
      params(RUNS.remove),
    );
  });
});
