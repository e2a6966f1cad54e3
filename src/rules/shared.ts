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
