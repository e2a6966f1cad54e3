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

// Beyond the catalogue's words: 成绩 (取得的成绩), 薄弱 (薄弱环节) and 措施 (改进措施) name the same
// sections in many real drafts.
const PRACTICE = { name: '做法/成效', words: ['做法', '情况', '成效', '主要工作', '履职', '成绩'] };
const PROBLEMS = { name: '问题', words: ['问题', '不足', '差距', '短板', '薄弱'] };
const PLANS = { name: '打算', words: ['下一步', '下步', '打算', '计划', '思路', '努力方向', '今后', '措施'] };

/**
 * Checked in order: the first type whose cue the title holds wins. A speech comes first, since
 * 在…述职评议会上的讲话 is a speech; its cues avoid 讲话精神 (学习…重要讲话精神的报告 is a report).
 */
export const DEFAULT_DOCUMENT_TYPES: DocumentType[] = [
  {
    id: 'speech',
    name: '讲话',
    titleCues: ['上的讲话', '的讲话', '讲话稿', '讲话提纲', '致辞'],
    titleExcludes: ['讲话精神'],
    requiredSections: [],
    salutation: true,
  },
  { id: 'duty-report', name: '述职报告', titleCues: ['述职'], requiredSections: [PRACTICE, PROBLEMS, PLANS] },
  { id: 'summary', name: '工作总结', titleCues: ['总结'], requiredSections: [PRACTICE, PROBLEMS, PLANS] },
  {
    id: 'work-report',
    name: '情况报告',
    titleCues: ['报告'],
    titleExcludes: ['述职', '调研'],
    requiredSections: [
      { name: '情况', words: ['情况', '主要工作', '做法', '成效', '成绩'] },
      { name: '打算', words: ['下一步', '下步', '打算', '计划', '思路', '今后', '措施'] },
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
