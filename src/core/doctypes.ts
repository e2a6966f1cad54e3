/** A document type: how its title gives it away and which sections it must have. */
export interface DocumentType {
  id: string;
  name: string;
  /** Words in the title that identify the type. */
  titleCues: string[];
  /** Words in the title that rule the type out even when a cue is present. */
  titleExcludes?: string[];
  /** Each requirement is met by a top-level heading containing one of its words. */
  requiredSections: { name: string; words: string[] }[];
  /** A speech opens with a salutation line (同志们：) before its first section. */
  salutation?: boolean;
}

const PRACTICE = { name: '做法/成效', words: ['做法', '情况', '成效', '主要工作', '履职'] };
const PROBLEMS = { name: '问题', words: ['问题', '不足', '差距', '短板'] };
const PLANS = { name: '打算', words: ['下一步', '下步', '打算', '计划', '思路', '努力方向', '今后'] };

/** Checked in order: the first type whose cue the title holds wins. */
export const DEFAULT_DOCUMENT_TYPES: DocumentType[] = [
  { id: 'duty-report', name: '述职报告', titleCues: ['述职'], requiredSections: [PRACTICE, PROBLEMS, PLANS] },
  { id: 'speech', name: '讲话', titleCues: ['讲话', '致辞'], requiredSections: [], salutation: true },
  { id: 'summary', name: '工作总结', titleCues: ['总结'], requiredSections: [PRACTICE, PROBLEMS, PLANS] },
  {
    id: 'work-report',
    name: '情况报告',
    titleCues: ['报告'],
    titleExcludes: ['述职', '调研'],
    requiredSections: [
      { name: '情况', words: ['情况', '主要工作', '做法', '成效'] },
      { name: '打算', words: ['下一步', '下步', '打算', '计划', '思路', '今后'] },
    ],
  },
];

export const GENERIC_TYPE: DocumentType = { id: 'generic', name: '通用文稿', titleCues: [], requiredSections: [] };

export function detectDocumentType(title: string | undefined, types: readonly DocumentType[]): DocumentType {
  if (!title) return GENERIC_TYPE;
  for (const t of types) {
    if (t.titleCues.some((c) => title.includes(c)) && !(t.titleExcludes ?? []).some((c) => title.includes(c))) return t;
  }
  return GENERIC_TYPE;
}
