import type { Section } from '../core/model';

/**
 * Groups siblings into runs that count together: the children of one parent at one level, for
 * every parent in the tree (roots included).
 */
export function siblingRuns(roots: readonly Section[]): Section[][] {
  const runs: Section[][] = [];
  const visit = (children: readonly Section[]): void => {
    const byLevel = new Map<number, Section[]>();
    for (const c of children) {
      const run = byLevel.get(c.level);
      if (run) run.push(c);
      else byLevel.set(c.level, [c]);
    }
    runs.push(...byLevel.values());
    for (const c of children) visit(c.children);
  };
  visit(roots);
  return runs;
}

const HAN = /^\p{Script=Han}$/u;

/** The whole character before offset i (a surrogate pair counts as one). */
export function charBefore(t: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const c = t.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return t.slice(i - 2, i);
  return t[i - 1];
}

/** The whole character at offset i (a surrogate pair counts as one). */
export function charAt(t: string, i: number): string | undefined {
  if (i >= t.length) return undefined;
  const c = t.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) return t.slice(i, i + 2);
  return t[i];
}

export function isHan(c: string | undefined): boolean {
  return c !== undefined && HAN.test(c);
}
