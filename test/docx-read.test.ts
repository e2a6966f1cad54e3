/**
 * The .docx reader (src/core/docx/read.ts): what a drafter sees in Word becomes the text that is
 * linted. Every fixture is built here, part by part (test/helpers/docx.ts), from short original
 * text in the genre.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../src/core/docx/numbering';
import { DocxError, MAX_PART_BYTES, quoteOf, readDocx } from '../src/core/docx/read';
import { lint } from '../src/core/lint';
import { RULES } from '../src/rules';
import {
  abstractNum,
  buildDocx,
  del,
  DELETED_MARK,
  documentXml,
  DRAFT_LEVELS,
  ins,
  num,
  numberingXml,
  p,
  r,
  stylesXml,
  table,
  typedDocx,
  xml,
} from './helpers/docx';

const lines = (bytes: Uint8Array): string[] => readDocx(bytes).paragraphs.map((x) => x.text);
const DRAFT_NUMBERING = numberingXml(abstractNum(0, DRAFT_LEVELS), num(1, 0));

function errorOf(bytes: Uint8Array): DocxError {
  try {
    readDocx(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(DocxError);
    return e as DocxError;
  }
  throw new Error('readDocx did not throw');
}

describe('reading paragraphs', () => {
  it('reads typed paragraphs in order; the text is one paragraph per line, empty paragraphs included', () => {
    const draft = readDocx(typedDocx(['关于2024年度党支部工作情况的报告', '', '一、主要做法', '（一）加强理论学习']));
    expect(draft.paragraphs.map((x) => x.text)).toEqual(['关于2024年度党支部工作情况的报告', '', '一、主要做法', '（一）加强理论学习']);
    expect(draft.text).toBe('关于2024年度党支部工作情况的报告\n\n一、主要做法\n（一）加强理论学习');
  });

  it('joins the runs of a paragraph, keeps tabs, and reads hyperlinks and content controls', () => {
    const body =
      p(['坚持', xml(r('每月', '<w:b/>')), xml('<w:r><w:tab/></w:r>'), '集中学习']) +
      p(['详见', xml(`<w:hyperlink r:id="rId9"><w:r><w:t>学习强国</w:t></w:r></w:hyperlink>`), '平台']) +
      `<w:sdt><w:sdtPr><w:alias w:val="单位名称"/></w:sdtPr><w:sdtContent>${p('某某局机关党委')}</w:sdtContent></w:sdt>`;
    expect(lines(buildDocx({ body }))).toEqual(['坚持每月\t集中学习', '详见学习强国平台', '某某局机关党委']);
  });

  it('reads the cells of a table row by row, each cell’s paragraphs in order', () => {
    const body =
      p('一、主要指标完成情况') +
      table([
        [[p('指标')], [p('完成值')]],
        [[p('发展党员'), p('（含预备党员）')], [p('12名')]],
      ]) +
      p('二、存在的问题');
    expect(lines(buildDocx({ body }))).toEqual(['一、主要指标完成情况', '指标', '完成值', '发展党员', '（含预备党员）', '12名', '二、存在的问题']);
  });

  it('splits a paragraph at a manual line break; a break with no text on one side adds nothing', () => {
    const br = xml('<w:r><w:br/></w:r>');
    const page = xml('<w:r><w:br w:type="page"/></w:r>');
    const body = p(['一、主要做法', br, '（一）加强理论学习', br]) + p([page, '二、存在的问题']) + p(['学习不够深入', xml('<w:r><w:br/><w:br/></w:r>'), '三、下一步打算']);
    expect(lines(buildDocx({ body }))).toEqual(['一、主要做法', '（一）加强理论学习', '二、存在的问题', '学习不够深入', '', '三、下一步打算']);
  });

  it('shows a field’s result, not its code; symbols as characters; hidden text not at all', () => {
    const field =
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy年M月d日" </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024年5月6日</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const body =
      p(['印发日期：', xml(field)]) +
      p(['共', xml('<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>3</w:t></w:r></w:fldSimple>'), '页']) +
      p([xml('<w:r><w:sym w:font="Symbol" w:char="F0B7"/></w:r>'), '要点', xml('<w:r><w:sym w:font="SimSun" w:char="2460"/></w:r>')]) +
      p(['公开文本', xml(r('（内部批注：暂不公开）', '<w:vanish/>'))]);
    expect(lines(buildDocx({ body }))).toEqual(['印发日期：2024年5月6日', '共3页', '•要点①', '公开文本']);
  });

  it('leaves out text boxes, and reads content Word writes twice for old and new versions once', () => {
    const textBox =
      '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框中的说明</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框中的说明</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>';
    const twice = '<mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>☑</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>☑</w:t></w:r></mc:Fallback></mc:AlternateContent>';
    expect(lines(buildDocx({ body: p(['正文', xml(textBox), '继续']) + p([xml(twice), '已完成']) }))).toEqual(['正文继续', '☑已完成']);
  });

  it('leaves out headers, footers, comments and footnotes', () => {
    const body =
      p('关于2024年度党支部工作情况的报告') +
      p([
        xml('<w:commentRangeStart w:id="0"/>'),
        '坚持每月集中学习一次',
        xml('<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'),
        xml('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'),
        '。',
      ]);
    const bytes = buildDocx({ body, header: '某某局机关党委文件', footer: '— 1 —', comment: '此处请补充学习次数', footnote: '据支部会议记录统计' });
    const text = readDocx(bytes).text;
    expect(text).toBe('关于2024年度党支部工作情况的报告\n坚持每月集中学习一次。');
    for (const elsewhere of ['某某局机关党委文件', '— 1 —', '此处请补充学习次数', '据支部会议记录统计']) expect(text).not.toContain(elsewhere);
  });
});

describe('tracked changes', () => {
  it('keeps insertions and leaves out deletions, as if every change were accepted', () => {
    const body = p(['全年共开展', del('十'), ins('十二'), '次集中学习']) + p(['坚持', xml(`<w:ins w:id="5" w:author="审稿人"><w:r><w:t>每月</w:t></w:r></w:ins>`), '学习']);
    expect(lines(buildDocx({ body }))).toEqual(['全年共开展十二次集中学习', '坚持每月学习']);
  });

  it('joins a paragraph whose mark was deleted to the next one; a deleted paragraph disappears', () => {
    const body =
      p('一、主要做法') +
      p(['坚持集中学习，', del('（此句删去）')], { pPr: DELETED_MARK }) +
      p('支部书记带头讲党课。') +
      p([del('整段删除的内容')], { pPr: DELETED_MARK }) +
      p('二、存在的问题');
    expect(lines(buildDocx({ body }))).toEqual(['一、主要做法', '坚持集中学习，支部书记带头讲党课。', '二、存在的问题']);
  });

  it('shows moved text once, where it was moved to', () => {
    const body =
      p([xml('<w:moveFrom w:id="7" w:author="审稿人"><w:r><w:t>学原文，</w:t></w:r></w:moveFrom>'), '读原著，', xml('<w:moveTo w:id="8" w:author="审稿人"><w:r><w:t>学原文，</w:t></w:r></w:moveTo>'), '悟原理。']);
    expect(lines(buildDocx({ body }))).toEqual(['读原著，学原文，悟原理。']);
  });

  it('numbers a paragraph by its numbering as accepted, not as it was before a tracked change', () => {
    const change = '<w:pPrChange w:id="9" w:author="审稿人"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange>';
    const body =
      p('主要做法', { numId: 1, ilvl: 0 }) +
      p([del('已删去的一节')], { numId: 1, ilvl: 0, pPr: DELETED_MARK }) +
      p('存在的问题', { numId: 1, ilvl: 0, pPr: change });
    expect(lines(buildDocx({ body, numbering: DRAFT_NUMBERING }))).toEqual(['一、主要做法', '二、存在的问题']);
  });
});

describe('automatic numbering', () => {
  it('writes 一、 （一） 1. （1） out as Word shows them, restarting lower levels under each higher one', () => {
    const body = [
      p('主要做法', { numId: 1, ilvl: 0 }),
      p('加强理论学习', { numId: 1, ilvl: 1 }),
      p('读原著', { numId: 1, ilvl: 2 }),
      p('原文', { numId: 1, ilvl: 3 }),
      p('原理', { numId: 1, ilvl: 3 }),
      p('学原文', { numId: 1, ilvl: 2 }),
      p('坚持每月学习一次。'),
      p('规范组织生活', { numId: 1, ilvl: 1 }),
      p('存在的问题', { numId: 1, ilvl: 0 }),
      p('学习不够深入', { numId: 1, ilvl: 1 }),
    ].join('');
    expect(lines(buildDocx({ body, numbering: DRAFT_NUMBERING }))).toEqual([
      '一、主要做法',
      '（一）加强理论学习',
      '1.读原著',
      '（1）原文',
      '（2）原理',
      '2.学原文',
      '坚持每月学习一次。',
      '（二）规范组织生活',
      '二、存在的问题',
      '（一）学习不够深入',
    ]);
  });

  it('counts past ten the way a draft writes it: 十、 十一、 二十一、', () => {
    const body = Array.from({ length: 21 }, (_, i) => p(`第${i + 1}项`, { numId: 1, ilvl: 0 })).join('');
    const got = lines(buildDocx({ body, numbering: DRAFT_NUMBERING }));
    expect([got[9], got[10], got[19], got[20]]).toEqual(['十、第10项', '十一、第11项', '二十、第20项', '二十一、第21项']);
  });

  it('continues a list across numbering instances that share its definition, and restarts it where one overrides the start', () => {
    const numbering = numberingXml(abstractNum(0, DRAFT_LEVELS), num(1, 0), num(2, 0), num(3, 0, { 0: 1 }), num(4, 0, { 1: 3 }));
    const body = [
      p('主要做法', { numId: 1, ilvl: 0 }),
      p('存在的问题', { numId: 1, ilvl: 0 }),
      p('下一步打算', { numId: 2, ilvl: 0 }),
      p('附件说明', { numId: 3, ilvl: 0 }),
      p('补充说明', { numId: 3, ilvl: 0 }),
      p('接续前文', { numId: 4, ilvl: 1 }),
      p('再接续', { numId: 4, ilvl: 1 }),
    ].join('');
    expect(lines(buildDocx({ body, numbering }))).toEqual(['一、主要做法', '二、存在的问题', '三、下一步打算', '一、附件说明', '二、补充说明', '（三）接续前文', '（四）再接续']);
  });

  it('honours a level’s start value, and a level that never restarts (lvlRestart 0)', () => {
    const levels = [
      { ilvl: 0, format: 'chineseCounting', text: '%1、', start: 3 },
      { ilvl: 1, format: 'decimal', text: '%2.', restart: 0 },
    ];
    const body = [p('下一步打算', { numId: 1, ilvl: 0 }), p('读原著', { numId: 1, ilvl: 1 }), p('努力方向', { numId: 1, ilvl: 0 }), p('学原文', { numId: 1, ilvl: 1 })].join('');
    expect(lines(buildDocx({ body, numbering: numberingXml(abstractNum(0, levels), num(1, 0)) }))).toEqual(['三、下一步打算', '1.读原著', '四、努力方向', '2.学原文']);
  });

  it('writes multi-level text (%1.%2) and legal numbering (isLgl) with each level’s number', () => {
    const levels = [
      { ilvl: 0, format: 'chineseCounting', text: '第%1章' },
      { ilvl: 1, format: 'decimal', text: '%1.%2' },
    ];
    const legal = abstractNum(1, [{ ilvl: 0, format: 'upperRoman', text: '%1.' }]).replace('<w:lvlText', '<w:isLgl/><w:lvlText');
    const numbering = numberingXml(abstractNum(0, levels), legal, num(1, 0), num(2, 1));
    const body = [p('总则', { numId: 1, ilvl: 0 }), p('目的', { numId: 1, ilvl: 1 }), p('依据', { numId: 1, ilvl: 1 }), p('条目', { numId: 2, ilvl: 0 }), p('条目', { numId: 2, ilvl: 0 })].join('');
    expect(lines(buildDocx({ body, numbering }))).toEqual(['第一章总则', '一.1目的', '一.2依据', '1.条目', '2.条目']);
  });

  it('takes numbering from the paragraph style and the styles it is based on; numId 0 switches it off', () => {
    const levels = DRAFT_LEVELS.map((l) => (l.ilvl === 2 ? { ...l, style: 'Heading3' } : l));
    const styles = stylesXml([
      { id: 'Normal', default: true },
      { id: 'Heading1', name: 'heading 1', basedOn: 'Normal', numId: 1, ilvl: 0 },
      { id: 'Heading2', name: 'heading 2', basedOn: 'Normal', numId: 1, ilvl: 1 },
      { id: 'Heading3', name: 'heading 3', basedOn: 'Normal', numId: 1 },
      { id: 'PartTitle', name: '部分标题', basedOn: 'Heading1' },
    ]);
    const body = [
      p('主要做法', { style: 'Heading1' }),
      p('加强理论学习', { style: 'Heading2' }),
      p('读原著', { style: 'Heading3' }),
      p('存在的问题', { style: 'PartTitle' }),
      p('附：学习计划', { style: 'Heading1', numId: 0 }),
      p('正文不编号。'),
    ].join('');
    expect(lines(buildDocx({ body, styles, numbering: numberingXml(abstractNum(0, levels), num(1, 0)) }))).toEqual([
      '一、主要做法',
      '（一）加强理论学习',
      '1.读原著',
      '二、存在的问题',
      '附：学习计划',
      '正文不编号。',
    ]);
  });

  it('follows a list that links to a numbering style (numStyleLink) to the definition it names', () => {
    const styles = stylesXml([{ id: 'DraftList', type: 'numbering', numId: 1 }]);
    const definition = abstractNum(0, DRAFT_LEVELS, '<w:styleLink w:val="DraftList"/>');
    const link = abstractNum(1, [], '<w:numStyleLink w:val="DraftList"/>');
    const body = [p('主要做法', { numId: 2, ilvl: 0 }), p('加强理论学习', { numId: 2, ilvl: 1 })].join('');
    expect(lines(buildDocx({ body, styles, numbering: numberingXml(definition, link, num(1, 0), num(2, 1)) }))).toEqual(['一、主要做法', '（一）加强理论学习']);
  });

  it('continues numbering through a table, and leaves a bullet list’s symbol as the character it shows', () => {
    const numbering = numberingXml(abstractNum(0, DRAFT_LEVELS), abstractNum(1, [{ ilvl: 0, format: 'bullet', text: '\uf0b7' }]), num(1, 0), num(2, 1));
    const body = p('主要做法', { numId: 1, ilvl: 0 }) + table([[[p('学习', { numId: 1, ilvl: 1 })], [p('组织', { numId: 1, ilvl: 1 })]]]) + p('作风', { numId: 1, ilvl: 1 }) + p('要点', { numId: 2, ilvl: 0 });
    expect(lines(buildDocx({ body, numbering }))).toEqual(['一、主要做法', '（一）学习', '（二）组织', '（三）作风', '•要点']);
  });

  it('formats numbers in Word’s number formats', () => {
    const cases: [number, string, string][] = [
      [3, 'decimal', '3'],
      [5, 'decimalZero', '05'],
      [12, 'decimalFullWidth', '１２'],
      [3, 'decimalEnclosedCircle', '③'],
      [21, 'decimalEnclosedCircle', '21'],
      [2, 'decimalEnclosedParen', '⑵'],
      [1, 'decimalEnclosedFullstop', '⒈'],
      [10, 'chineseCounting', '十'],
      [11, 'chineseCountingThousand', '十一'],
      [101, 'chineseCounting', '一百零一'],
      [10, 'ideographDigital', '一〇'],
      [12, 'chineseLegalSimplified', '壹拾贰'],
      [3, 'ideographTraditional', '丙'],
      [2, 'ideographEnclosedCircle', '㈡'],
      [27, 'upperLetter', 'AA'],
      [2, 'lowerLetter', 'b'],
      [4, 'lowerRoman', 'iv'],
      [14, 'upperRoman', 'XIV'],
      [7, 'none', ''],
    ];
    expect(cases.map(([n, f]) => formatNumber(n, f))).toEqual(cases.map((c) => c[2]));
  });
});

describe('a numbered .docx lints like the same draft typed out', () => {
  // Original text with flaws the rules find: a level skipped (1. right under 二、), a half-width
  // comma and a placeholder.
  const TYPED = [
    '关于2024年度党支部工作情况的报告',
    '一、主要做法',
    '支部主要抓了两个方面的工作。',
    '（一）加强理论学习',
    '坚持每月集中学习一次,支部书记带头讲党课。',
    '（二）规范组织生活',
    '按时召开支部党员大会，全年共XX次。',
    '二、存在的问题',
    '1.学习的系统性还不够强',
    '2.联系群众还不够紧密',
    '三、下一步打算',
    '继续抓好各项工作落实。',
  ];
  const LEVEL: Record<string, number> = { 一: 0, 二: 0, 三: 0, '（': 1, 1: 2, 2: 2 };
  const numbered = TYPED.map((line, i) => {
    const m = /^(?:[一二三]、|（[一二]）|\d\.)/.exec(line);
    return i > 0 && m ? p(line.slice(m[0].length), { numId: 1, ilvl: LEVEL[line[0]!] }) : p(line);
  }).join('');

  const findings = (text: string) => lint(text, RULES).findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, range: f.range }));

  it('reads the numbered draft as the typed one', () => {
    expect(lines(buildDocx({ body: numbered, numbering: DRAFT_NUMBERING }))).toEqual(TYPED);
  });

  it('gets the same findings, at the same places, as the typed text and as a .docx with the markers typed', () => {
    const expected = findings(TYPED.join('\n'));
    expect(expected.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['numbering-level', 'punctuation-width', 'placeholder']));
    expect(findings(readDocx(buildDocx({ body: numbered, numbering: DRAFT_NUMBERING })).text)).toEqual(expected);
    expect(findings(readDocx(typedDocx(TYPED)).text)).toEqual(expected);
  });
});

describe('packages', () => {
  it('finds the main part through the package relationships, and reads strict Open XML', () => {
    const strict = documentXml(p('一、主要做法') + p('（一）加强理论学习'))
      .replace(/http:\/\/schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main/g, 'http://purl.oclc.org/ooxml/wordprocessingml/main');
    const bytes = buildDocx({
      body: '',
      omit: ['word/document.xml', 'word/_rels/document.xml.rels'],
      extra: {
        'word/document2.xml': strict,
        '_rels/.rels':
          '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>',
      },
    });
    expect(lines(bytes)).toEqual(['一、主要做法', '（一）加强理论学习']);
  });

  it('reads a part saved as UTF-16', () => {
    const doc = documentXml(p('一、主要做法')).replace('encoding="UTF-8"', 'encoding="UTF-16"');
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...doc].map((c) => c.charCodeAt(0))).buffer)]);
    expect(lines(buildDocx({ body: '', extra: { 'word/document.xml': utf16 } }))).toEqual(['一、主要做法']);
  });
});

describe('files that are not a readable .docx', () => {
  it('a file that is not a zip', () => {
    const e = errorOf(strToU8('一、主要做法\n（一）加强理论学习\n'));
    expect(e.message).toMatch(/^不是有效的 Word 文档（\.docx）：文件不是 zip 压缩包/);
  });

  it('an old .doc (or a password-protected .docx), which is an OLE compound file', () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(errorOf(ole).message).toContain('旧版 Word（.doc）');
  });

  it('a zip without word/document.xml', () => {
    const xlsx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
    expect(errorOf(xlsx).message).toContain('没有 word/document.xml');
  });

  it('a document.xml that is not well-formed XML, or has no w:document', () => {
    const broken = buildDocx({ body: '', extra: { 'word/document.xml': documentXml(p('一、主要做法')).replace('</w:p>', '') } });
    expect(errorOf(broken).message).toMatch(/word\/document\.xml 不是格式正确的 XML（.*\d+:\d+/);
    const html = buildDocx({ body: '', extra: { 'word/document.xml': '<html><body>一、主要做法</body></html>' } });
    expect(errorOf(html).message).toContain('不是 w:document');
  });

  it('a broken numbering part names that part', () => {
    const bytes = buildDocx({ body: p('主要做法', { numId: 1, ilvl: 0 }), numbering: DRAFT_NUMBERING.replace('</w:numbering>', '') });
    expect(errorOf(bytes).message).toContain('word/numbering.xml 不是格式正确的 XML');
  });

  it('a truncated download, and damaged compressed data', () => {
    const good = typedDocx(['关于2024年度党支部工作情况的报告', '一、主要做法']);
    expect(errorOf(good.subarray(0, Math.floor(good.length / 2))).message).toMatch(/^不是有效的 Word 文档/);
    const damaged = good.slice();
    const at = findEntryData(damaged, 'word/document.xml');
    for (let i = at; i < at + 40; i++) damaged[i] = 0xff;
    expect(errorOf(damaged).message).toMatch(/^不是有效的 Word 文档/);
  });

  it('a zip bomb: a document.xml that inflates past the limit is refused before it is inflated', () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(MAX_PART_BYTES + 1).fill(0x20) }, { level: 1 });
    expect(bomb.length).toBeLessThan(200_000);
    expect(errorOf(bomb).message).toMatch(/^Word 文档过大：word\/document\.xml 解压后有 \d+ MB，超过 64 MB/);
  });

  it('a part that declares a smaller size than it inflates to is cut at the declared size, not read past it', () => {
    const doc = documentXml(p('一、主要做法') + p('。'.repeat(200_000)));
    const bytes = buildDocx({ body: '', extra: { 'word/document.xml': doc } });
    setDeclaredSize(bytes, 'word/document.xml', 1000);
    // Cut off mid-document (and perhaps mid-character): broken text, whichever way it breaks.
    expect(errorOf(bytes).message).toMatch(/^不是有效的 Word 文档（\.docx）：word\/document\.xml (不是格式正确的 XML|含有无效的 UTF-8 字节)/);
  });
});

describe('quoteOf', () => {
  it('quotes the start of a paragraph, whitespace folded, cut with … past 16 characters', () => {
    expect(quoteOf('（四）抓好作风建设')).toBe('（四）抓好作风建设');
    expect(quoteOf('　　坚持每月集中学习一次，支部书记带头讲党课，全年共开展十二次。')).toBe('坚持每月集中学习一次，支部书记带…');
    expect(quoteOf('一、\t主要做法')).toBe('一、 主要做法');
    expect(quoteOf('𠮷'.repeat(20))).toBe('𠮷'.repeat(16) + '…');
  });
});

// ---------------------------------------------------------------------------------------------
// Zip surgery for the corrupt-file tests: the central directory entry of a file (PK\x01\x02).

function centralEntry(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const wanted = strToU8(name);
  for (let i = 0; i + 46 < zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const len = view.getUint16(i + 28, true);
    if (len === wanted.length && wanted.every((b, k) => zip[i + 46 + k] === b)) return i;
  }
  throw new Error(`${name} not in the zip`);
}

/** Where a file's compressed data starts (after its local header). */
function findEntryData(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const local = view.getUint32(centralEntry(zip, name) + 42, true);
  return local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
}

/** Rewrites the uncompressed size the zip declares for a file, in both of its headers. */
function setDeclaredSize(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const central = centralEntry(zip, name);
  view.setUint32(central + 24, size, true);
  view.setUint32(view.getUint32(central + 42, true) + 22, size, true);
}
