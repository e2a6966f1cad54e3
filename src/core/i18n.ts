import { MESSAGES_EN } from './messages.en';

/**
 * Diagnostic messages in the user's language. A message is written once, in Chinese, as a template
 * with named placeholders (`序号应为“{expected}”，此处为“{found}”`); that template is also the key
 * under which the other languages' templates are looked up. Pure TypeScript: no Node built-ins, so
 * the web extension can use it too.
 */

export type Locale = 'zh-cn' | 'en';

export const DEFAULT_LOCALE: Locale = 'zh-cn';

export const LOCALES: readonly Locale[] = ['zh-cn', 'en'];

/** The values of a template's placeholders. */
export type MessageData = Readonly<Record<string, string | number>>;

/** Builds a message from a Chinese template; bound to one locale. */
export type Translate = (template: string, data?: MessageData) => string;

/** Tables of translated templates by locale: Chinese template → template in that language. */
const TABLES: Readonly<Record<Exclude<Locale, 'zh-cn'>, Readonly<Record<string, string>>>> = {
  en: MESSAGES_EN,
};

/**
 * Templates that were asked for in a language whose table lacks them (the Chinese template was
 * used instead), as `locale\ttemplate`. Tests assert that it stays empty.
 */
export const missingTranslations = new Set<string>();

/** `{name}`, or `{name|one|other}`: the word for a count of one, else the other word. */
const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)(?:\|([^{}|]*)\|([^{}|]*))?\}/g;

/**
 * Fills the placeholders of a template from `data`, in one pass (a value that itself holds
 * `{…}` is not filled again). `{name}` is the value; `{name|one|other}` chooses a word by the
 * value, for languages that inflect (`{count} {count|item|items}`). A placeholder without a value
 * is left as written.
 */
export function fillTemplate(template: string, data: MessageData = {}): string {
  let out = '';
  for (const part of partsOf(template)) {
    if (typeof part === 'string') {
      out += part;
      continue;
    }
    const value = Object.prototype.hasOwnProperty.call(data, part.name) ? data[part.name] : undefined;
    if (value === undefined) out += part.whole;
    else if (part.one !== undefined && part.other !== undefined) out += Number(value) === 1 ? part.one : part.other;
    else out += String(value);
  }
  return out;
}

/** A template cut at its placeholders: literal text, and the placeholders as PLACEHOLDER reads them. */
type TemplatePart = string | { whole: string; name: string; one: string | undefined; other: string | undefined };

/**
 * Templates already cut (a lint fills the same few templates thousands of times). Bounded, in
 * case a caller passes templates made on the fly.
 */
const PARTS = new Map<string, TemplatePart[]>();
const MAX_CACHED_TEMPLATES = 2000;

function partsOf(template: string): TemplatePart[] {
  let parts = PARTS.get(template);
  if (parts) return parts;
  parts = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > at) parts.push(template.slice(at, m.index));
    parts.push({ whole: m[0], name: m[1]!, one: m[2], other: m[3] });
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push(template.slice(at));
  if (PARTS.size >= MAX_CACHED_TEMPLATES) PARTS.clear();
  PARTS.set(template, parts);
  return parts;
}

/** The names of a template's placeholders, each once, sorted (`{n|a|b}` counts as n). */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** True when `locale` has its own template for `template` (always true for Chinese). */
export function hasTranslation(locale: Locale, template: string): boolean {
  if (locale === 'zh-cn') return true;
  return Object.prototype.hasOwnProperty.call(TABLES[locale], template);
}

/** The message for `template` in `locale`, its placeholders filled from `data`. */
export function translate(locale: Locale, template: string, data?: MessageData): string {
  if (locale === 'zh-cn') return fillTemplate(template, data);
  const table = TABLES[locale];
  if (Object.prototype.hasOwnProperty.call(table, template)) return fillTemplate(table[template]!, data);
  missingTranslations.add(`${locale}\t${template}`);
  return fillTemplate(template, data);
}

/** `translate` bound to a locale. */
export function translator(locale: Locale = DEFAULT_LOCALE): Translate {
  return (template, data) => translate(locale, template, data);
}

/** Reads a locale from a VS Code language tag or a CLI flag: en, en-US → en; anything else → zh-cn. */
export function localeOf(tag: string | undefined): Locale {
  return tag !== undefined && /^en(?:[-_]|$)/i.test(tag.trim()) ? 'en' : DEFAULT_LOCALE;
}
