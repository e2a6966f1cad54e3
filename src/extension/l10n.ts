import * as vscode from 'vscode';
import english from '../../l10n/bundle.l10n.en.json';

/**
 * Runtime strings. The Chinese text is both the default and the key, as with vscode.l10n.t. VS Code
 * never loads a bundle when its display language is English (`en` is its own default language), so
 * the English bundle is bundled here and used directly; for a display language with a bundle of
 * its own VS Code's l10n.t is used, and Chinese needs no bundle.
 */
const EN: Record<string, string> = english;

export type L10nArg = string | number | boolean;

export function format(message: string, args: readonly L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}

export function uiLanguage(): string {
  return (vscode.env.language || 'en').toLowerCase();
}

export function t(message: string, ...args: L10nArg[]): string {
  const lang = uiLanguage();
  if (lang.startsWith('zh')) return format(message, args);
  const bundle = vscode.l10n.bundle;
  if (bundle && bundle[message] !== undefined) return vscode.l10n.t(message, ...args);
  return format(EN[message] ?? message, args);
}

/**
 * The language for the findings' messages (the core writes them in Chinese, and in English when
 * asked): Chinese for a Chinese display language, English otherwise.
 */
export function findingLocale(): 'zh-cn' | 'en' {
  return uiLanguage().startsWith('zh') ? 'zh-cn' : 'en';
}

/** Lint options that carry the message language (ignored by a core without message translation). */
export function localeOption(): { locale?: 'zh-cn' | 'en' } {
  const locale = findingLocale();
  return locale === 'zh-cn' ? {} : { locale };
}
