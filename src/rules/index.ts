import type { Rule } from '../core/types';
import { headingPunctuation } from './heading-punctuation';
import { inlineSequence } from './inline-sequence';
import { numberingLevel } from './numbering-level';
import { numberingPunctuation } from './numbering-punctuation';
import { numberingSequence } from './numbering-sequence';
import { numberingStyleMix } from './numbering-style-mix';

/** Every rule the linter knows, in the order of the catalogue. */
export const RULES: readonly Rule<any>[] = [
  numberingSequence,
  numberingLevel,
  numberingPunctuation,
  numberingStyleMix,
  inlineSequence,
  headingPunctuation,
];

export function ruleById(id: string): Rule<any> | undefined {
  return RULES.find((r) => r.id === id);
}
