import type { z } from 'zod/mini';
import type { DocumentModel } from './model';
import type { Range } from './text';
import type { ResolvedConfig } from './config';
import type { DocumentType } from './doctypes';
import type { MessageData } from './i18n';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** One text edit: replace `range` of the linted text with `text`. */
export interface Fix {
  range: Range;
  text: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fix?: Fix;
}

export interface Report {
  range: Range;
  message: string;
  fix?: Fix;
  /** The most this finding may weigh: a lone 一是 stays a warning even when its rule is an error. */
  maxSeverity?: Severity;
}

export interface RuleContext<Options> {
  model: DocumentModel;
  options: Options;
  config: ResolvedConfig;
  /** From the config, else from the title, else generic. */
  documentType: DocumentType;
  report(report: Report): void;
  /**
   * Builds a message in the locale of the run from its Chinese template, whose `{name}`
   * placeholders are filled from `data`: t('序号应为“{expected}”，此处为“{found}”', { expected, found }).
   * Every template a rule uses needs an entry in messages.en.ts.
   */
  t(template: string, data?: MessageData): string;
  /**
   * Returns `compute()`, remembered across the runs that share a LintCache (the extension keeps
   * one per open document, so after a keystroke only the edited paragraph is analysed again).
   * The value must depend on nothing but `key`, the rule's options, the config and the locale:
   * e.g. a paragraph's text as the key and its findings in offsets relative to the paragraph.
   * Without a cache (the CLI), it simply computes.
   */
  memo<T>(key: string, compute: () => T): T;
}

export type RuleCategory = 'numbering' | 'structure' | 'figures' | 'formulation' | 'punctuation';

export interface Rule<Options = unknown> {
  id: string;
  /** One line in Chinese, for the rule table, SARIF and settings. */
  description: string;
  category: RuleCategory;
  defaultSeverity: Severity;
  fixable: boolean;
  /** Validates the options given as `[severity, options]` in config; defaults fill what is left out. */
  options?: z.ZodMiniType<Options>;
  check(context: RuleContext<Options>): void;
}
