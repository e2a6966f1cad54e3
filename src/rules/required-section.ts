import type { DocumentModel } from '../core/model';
import type { Rule } from '../core/types';

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
  check({ model, documentType, report }) {
    const sections = model.sections;
    if (!sections.length) return; // no numbered outline to judge by
    const top = Math.min(...sections.map((s) => s.level));
    const headings = sections.filter((s) => s.level === top).map((s) => s.heading);
    for (const req of documentType.requiredSections) {
      if (headings.some((h) => req.words.some((w) => h.includes(w)))) continue;
      report({
        range: anchor(model),
        message: `${documentType.name}缺少“${req.name}”部分：应有一级标题含“${req.words.join('”“')}”之一`,
      });
    }
    if (documentType.salutation) {
      const first = model.paragraphs[sections[0]!.paragraph]!;
      const before = model.paragraphs.filter((p) => p.index < first.index && p.index !== model.title && !p.marker);
      if (!before.some((p) => isSalutation(p.text))) {
        report({ range: first.range, message: '讲话稿在第一部分之前应有称呼语，如“同志们：”' });
      }
      const tail = model.paragraphs.slice(-3);
      if (!tail.some((p) => CLOSING.test(p.text))) {
        const last = model.paragraphs[model.paragraphs.length - 1]!;
        report({ range: last.range, message: '讲话稿结尾通常有“谢谢大家”之类的结束语', maxSeverity: 'info' });
      }
    }
  },
};
