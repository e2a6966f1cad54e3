import type { DocumentModel } from '../core/model';
import { DEFAULT_DOCUMENT_TYPES, GENERIC_TYPE } from '../core/doctypes';
import type { Rule } from '../core/types';

/**
 * The names of the built-in document types and their sections, which have translations; a type
 * or section the config adds keeps the name the user gave it.
 */
const BUILT_IN_NAMES = new Set([
  GENERIC_TYPE.name,
  ...DEFAULT_DOCUMENT_TYPES.flatMap((d) => [d.name, ...d.requiredSections.map((r) => r.name)]),
]);

const ADDRESS = /^(同志们|朋友们|各位[^：:，,、。]{0,24}|尊敬的[^：:，,、。]{0,40}|亲爱的[^：:，,、。]{0,20})$/;

/** 同志们： / 各位领导、同志们： — one or more forms of address and a colon. */
function isSalutation(text: string): boolean {
  if (text.length > 80 || !/[：:]$/.test(text)) return false;
  return text.slice(0, -1).split(/[、，,]/).every((part) => ADDRESS.test(part.trim()));
}
const CLOSING = /谢谢(大家|各位)?[。！!]?$/;

function anchor(model: DocumentModel): { start: number; end: number } {
  const p = model.title !== undefined ? model.paragraphs[model.title] : model.paragraphs[0];
  return p ? p.range : { start: 0, end: 0 };
}

export const requiredSection: Rule = {
  id: 'required-section',
  description: '文稿类型要求的部分齐全：述职报告应有做法成效、存在问题、下步打算；讲话稿应有称呼语',
  category: 'structure',
  defaultSeverity: 'warning',
  fixable: false,
  check({ model, documentType, report, t }) {
    const sections = model.sections;
    if (!sections.length) return; // no numbered outline to judge by
    // A loop, not Math.min(...levels): a spread of 200 000 sections overflows the stack.
    const top = sections.reduce((min, s) => Math.min(min, s.level), Infinity);
    const headings = sections.filter((s) => s.level === top).map((s) => s.heading);
    for (const req of documentType.requiredSections) {
      if (headings.some((h) => req.words.some((w) => h.includes(w)))) continue;
      const name = (s: string): string => (BUILT_IN_NAMES.has(s) ? t(s) : s);
      // The words are listed through a template too: English separates them with commas.
      const words = req.words.length ? req.words.reduce((list, item) => t('{list}”“{item}', { list, item })) : '';
      report({
        range: anchor(model),
        message: t('{type}缺少“{section}”部分：应有一级标题含“{words}”之一', { type: name(documentType.name), section: name(req.name), words }),
      });
    }
    if (documentType.salutation) {
      const first = model.paragraphs[sections[0]!.paragraph]!;
      const before = model.paragraphs.filter((p) => p.index < first.index && p.index !== model.title && !p.marker);
      if (!before.some((p) => isSalutation(p.text))) {
        report({ range: first.range, message: t('讲话稿在第一部分之前应有称呼语，如“同志们：”') });
      }
      const tail = model.paragraphs.slice(-3);
      if (!tail.some((p) => CLOSING.test(p.text))) {
        const last = model.paragraphs[model.paragraphs.length - 1]!;
        report({ range: last.range, message: t('讲话稿结尾通常有“谢谢大家”之类的结束语'), maxSeverity: 'info' });
      }
    }
  },
};
