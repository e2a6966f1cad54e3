/**
 * Where each rule is documented in the README: the 0-based line of its own section heading
 * (`### numbering-sequence`, backticks optional), else of the first table row that names the id in
 * backticks. Rules the README does not name are left out.
 */
export function ruleDocLines(readme: string, ruleIds: readonly string[]): Map<string, number> {
  const headings = new Map<string, number>();
  const rows = new Map<string, number>();
  const wanted = new Set(ruleIds);
  readme.split(/\r\n|\r|\n/).forEach((line, i) => {
    const h = /^#{1,6}\s+`?([a-z0-9-]+)`?\s*$/.exec(line);
    if (h && wanted.has(h[1]!) && !headings.has(h[1]!)) headings.set(h[1]!, i);
    if (!/^\s*\|/.test(line)) return;
    for (const m of line.matchAll(/`([a-z0-9-]+)`/g)) {
      if (wanted.has(m[1]!) && !rows.has(m[1]!)) rows.set(m[1]!, i);
    }
  });
  const out = new Map<string, number>();
  for (const id of ruleIds) {
    const line = headings.get(id) ?? rows.get(id);
    if (line !== undefined) out.set(id, line);
  }
  return out;
}

/** A fragment that VS Code's editor opener reads as a line to reveal (`L12`), or the id itself. */
export function ruleDocFragment(lines: ReadonlyMap<string, number>, ruleId: string): string {
  const line = lines.get(ruleId);
  return line === undefined ? ruleId : `L${line + 1}`;
}
