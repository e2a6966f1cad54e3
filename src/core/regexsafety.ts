/**
 * A conservative test for user-supplied regular expressions that can backtrack catastrophically:
 * a quantified group that itself holds a quantifier or an alternation ((a+)+, (a|ab)*, (\w+\s?)*),
 * or a back-reference. Such patterns are refused rather than run over a confidential draft in an
 * editor that must stay responsive. Patterns without nested repetition run in linear time here.
 */
export function catastrophicReason(pattern: string): string | undefined {
  if (/\\[1-9]|\\k</.test(pattern)) return '含有反向引用';
  // Scan groups: for each group, remember whether its body repeats or alternates.
  const stack: { repeats: boolean; alternates: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push({ repeats: false, alternates: false });
    else if (c === '|' && stack.length) stack[stack.length - 1]!.alternates = true;
    else if (c === ')') {
      const group = stack.pop();
      const next = pattern[i + 1];
      const quantified = next === '*' || next === '+' || (next === '{' && /^\{\d*,\d*\}|^\{\d{2,}\}/.test(pattern.slice(i + 1)));
      if (group && quantified && (group.repeats || group.alternates)) return '重复的分组内又有重复或多选（如 (a+)+、(a|b)*），可能导致灾难性回溯';
      if (group && stack.length && (group.repeats || quantified)) stack[stack.length - 1]!.repeats = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length) {
      stack[stack.length - 1]!.repeats = true;
    }
  }
  return undefined;
}
