import type { Rule } from '../core/types';
import { headingPunctuation } from './heading-punctuation';
import { inlineSequence } from './inline-sequence';
import { numberingLevel } from './numbering-level';
import { numberingPunctuation } from './numbering-punctuation';
import { numberingSequence } from './numbering-sequence';
import { numberingStyleMix } from './numbering-style-mix';
import { requiredSection } from './required-section';
import { sectionEmpty } from './section-empty';
import { countMismatch } from './count-mismatch';
import { figureConflict } from './figure-conflict';
import { percentRange } from './percent-range';
import { partExceedsTotal } from './part-exceeds-total';
import { rateMismatch } from './rate-mismatch';
import { formulation } from './formulation';
import { placeholder } from './placeholder';
import { numberFormat } from './number-format';
import { punctuationWidth } from './punctuation-width';

/** Every rule the linter knows, in the order of the catalogue. */
export const RULES: readonly Rule<any>[] = [
  numberingSequence,
  numberingLevel,
  numberingPunctuation,
  numberingStyleMix,
  inlineSequence,
  headingPunctuation,
  requiredSection,
  sectionEmpty,
  placeholder,
  countMismatch,
  figureConflict,
  percentRange,
  partExceedsTotal,
  rateMismatch,
  numberFormat,
  formulation,
  punctuationWidth,
];

export function ruleById(id: string): Rule<any> | undefined {
  return RULES.find((r) => r.id === id);
}
