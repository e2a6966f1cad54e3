/**
 * The Markdown layer parses an oversized paragraph in pieces (planPieces in src/core/source.ts),
 * because remark's cost grows faster than its input within one paragraph. A draft without an
 * oversized paragraph is parsed whole; a draft with one must read as it would whole, except where
 * emphasis, a link or a code span crosses a cut (or an emphasis marker stands beside one).
 *
 * Whatever its paragraphs, the whole draft is also parsed in chunks cut at blank lines (parseChunks),
 * where remark's cost over a whole draft grows faster than its length: these cuts must change
 * nothing at all, emphasis and links included.
 *
 * These tests force a cut wherever one is allowed and compare the layer (every paragraph's text,
 * kind and source map, and every directive: all that the model is built from) with the layer of
 * one whole parse, on the example drafts, the fixtures, the corpus converted to Markdown (when
 * /work/shared/corpus exists), generated drafts and constructs chosen to trip a cut.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { describe, expect, it } from 'vitest';
import { chunksOf, markdownLayer, maskMarkdown, planPieces, type PieceLimits } from '../src/core/source';

const WHOLE: PieceLimits = { block: Infinity, line: Infinity, hard: Infinity, chunk: Infinity, plain: false };
/** A run at every plain line that follows another line of its block, a tail every 32 characters, a chunk at every cut. */
const EVERYWHERE: PieceLimits = { block: 1, line: 32, hard: 64, chunk: 1, plain: true };

const ROOT = path.resolve(__dirname, '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.(md|txt)$/.test(name) ? [p] : [];
  });
}

/** A plain-text draft as Markdown: the title a heading, every other line a paragraph. */
function toMarkdown(text: string): string {
  const lines = text.split(/\r\n|\r|\n/).filter((l) => l.trim());
  return lines.map((l, i) => (i === 0 ? `# ${l.trim()}` : l.trim())).join('\n\n') + '\n';
}

const DOCUMENTS: Array<[string, string]> = [
  ...[...filesUnder(path.join(ROOT, 'examples')), ...filesUnder(path.join(ROOT, 'test/fixtures'))].map((f): [string, string] => [path.relative(ROOT, f), readFileSync(f, 'utf8')]),
  ...filesUnder(CORPUS).flatMap((f): Array<[string, string]> => {
    const text = readFileSync(f, 'utf8');
    return [
      [`corpus ${path.basename(f)} as written`, text],
      [`corpus ${path.basename(f)} converted to .md`, toMarkdown(text)],
    ];
  }),
];

interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const INLINE = new Set(['emphasis', 'strong', 'delete', 'link', 'linkReference', 'image', 'imageReference', 'inlineCode', 'html']);

/** The places a cut was made, and whether an inline construct of the whole parse crosses one (or may). */
function cutsOf(text: string, limits: PieceLimits): { cuts: number[]; crossed: boolean } {
  const masked = maskMarkdown(text);
  const plan = planPieces(masked, limits);
  // A run or a tail is parsed alone: a construct across either of its ends is cut.
  const cuts = [
    ...plan.runs.flatMap(([start, end]) => [start, end]),
    ...plan.tails.flatMap((t) => [...t.map(([start]) => start), t[t.length - 1]![1]]),
  ];
  const inline: Array<[number, number]> = [];
  const stack = [unified().use(remarkParse).parse(masked) as unknown as MdNode];
  while (stack.length) {
    const n = stack.pop()!;
    if (INLINE.has(n.type)) inline.push([n.position?.start.offset ?? 0, n.position?.end.offset ?? 0]);
    for (const c of n.children ?? []) stack.push(c);
  }
  // An emphasis or code marker beside a cut may read otherwise with nothing on that side.
  const crossed = cuts.some((c) => /[*_`]/.test(masked.slice(c - 1, c + 1)) || inline.some(([s, e]) => s < c && c < e));
  return { cuts, crossed };
}

/** Checks a document; returns how many cuts it was checked across (undefined when skipped). */
function checkPieces(name: string, text: string): number | undefined {
  const whole = markdownLayer(text, WHOLE);
  expect(markdownLayer(text), `${name}: the default limits change the layer`).toEqual(whole);
  const { cuts, crossed } = cutsOf(text, EVERYWHERE);
  if (crossed) return undefined;
  expect(markdownLayer(text, EVERYWHERE), `${name}: cut at ${cuts.length} places`).toEqual(whole);
  return cuts.length;
}

describe('Markdown parsed in pieces reads as Markdown parsed whole', () => {
  it('on the example drafts, the fixtures and the corpus', () => {
    let checked = 0;
    let cuts = 0;
    const skipped: string[] = [];
    for (const [name, text] of DOCUMENTS) {
      const n = checkPieces(name, text);
      if (n === undefined) skipped.push(name);
      else {
        checked++;
        cuts += n;
      }
    }
    // Not vacuous: most documents are checked, across thousands of cuts.
    expect(checked).toBeGreaterThan(DOCUMENTS.length * 0.8);
    expect(cuts).toBeGreaterThan(500);
    if (skipped.length) console.info(`markdown-pieces: ${skipped.length} of ${DOCUMENTS.length} documents have emphasis or a link across a cut: ${skipped.join(', ')}`);
  });

  it('on constructs around which a cut could change the parse', () => {
    const long = '加强党的建设，全面从严治党。'.repeat(6);
    const cases: Record<string, string> = {
      'fenced code with blank lines and long lines': `一是学习\n\n\`\`\`\n${long}\n\n${long}\n\`\`\`\n${long}\n`,
      'a fence that ends the draft': `${long}\n~~~text\n${long}\n\n一、不是标题\n`,
      'an HTML comment over several lines': `${long}\n<!--\n${long}\n\n一、注释不算\n-->\n${long}\n`,
      'an HTML block to the next blank line': `<div>\n${long}\n一、块内不算\n</div>\n\n${long}\n`,
      'a lone tag after a blank line': `${long}\n\n<span>\n${long}\n\n${long}\n`,
      'lazy lines of an ordered list item': `1. ${long}\n${long}\n二、${long}\n${long}\n\n${long}\n`,
      'lazy lines of a quote': `> ${long}\n${long}\n${long}\n> ${long}\n`,
      'a list item with indented lines': `- ${long}\n  ${long}\n  ${long}\n\n  ${long}\n`,
      'a setext heading under a long paragraph': `${long}\n${long}\n一、总体要求\n===\n\n${long}\n${long}\n---\n`,
      'a hard break by backslash': `${long}\\\n${long}\n${long}\n`,
      'a hard break by two spaces': `${long}  \n${long}\n${long}\n`,
      'lines that cannot be cut before': `${long}\n2. ${long}\n- \n    ${long}\n# ${long}\n${long}\n`,
      'a long heading and a long list item': `## ${long}\n\n1. ${long}${long}\n2. ${long}\n`,
      'escapes and entities across the line': `${long}\\*${long}&amp;${long}&#x20BB7;${long}\n`,
      'bold inside a line': `${long}**一是学习**${long}**二是落实**${long}\n`,
      'a line of markup alone': `${'*-'.repeat(100)}\n${long}\n`,
      'directives between long paragraphs': `<!-- dangjian-disable placeholder -->\n${long}\n${long}\n<!-- dangjian-enable -->\n\n${long}\n`,
      'front matter': `---\ntitle: ${long}\n---\n${long}\n${long}\n`,
      'CRLF and CR': `${long}\r\n${long}\r${long}\r\n\r\n${long}\r`,
    };
    let cuts = 0;
    for (const [name, text] of Object.entries(cases)) {
      const n = checkPieces(name, text);
      expect(n, `${name}: an inline construct crosses a cut`).toBeDefined();
      cuts += n!;
    }
    expect(cuts).toBeGreaterThan(100);
  });

  it('on generated drafts of long lines, lazy lines, quotes, lists, fences and markup', () => {
    const CJK = fc.constantFrom('加强党的建设', '一是学习', '二是落实', '全面从严治党', '发展党员6名', '。', '，', '；', '（一）', '𠮷');
    const MARKUP = fc.constantFrom('**', '*', '\\*', '&amp;', '`', '[链接](http://x.cn)', '<br>', ' ', '_');
    const text = fc.array(fc.oneof({ weight: 5, arbitrary: CJK }, { weight: 1, arbitrary: MARKUP }), { minLength: 1, maxLength: 40 }).map((xs) => xs.join(''));
    const line = fc.tuple(fc.constantFrom('', '', '', '> ', '- ', '1. ', '2. ', '  ', '    ', '# ', '<div>', '```'), text).map(([p, t]) => p + t);
    const draft = fc.array(fc.oneof({ weight: 6, arbitrary: line }, { weight: 1, arbitrary: fc.constant('') }), { maxLength: 30 }).map((ls) => ls.join('\n'));
    let checked = 0;
    let cuts = 0;
    fc.assert(
      fc.property(draft, (doc) => {
        const n = checkPieces(JSON.stringify(doc), doc);
        if (n !== undefined) {
          checked++;
          cuts += n;
        }
      }),
      { seed: 62025, numRuns: 1_000 },
    );
    console.info(`markdown-pieces: ${checked} generated drafts checked across ${cuts} cuts`);
    expect(checked).toBeGreaterThan(300);
    expect(cuts).toBeGreaterThan(1_000);
  });

  it('cuts only oversized paragraphs and lines at the default limits', () => {
    const line = '一是加强党的建设，全面从严治党。';
    expect(planPieces(`${line}\n`.repeat(500))).toMatchObject({ runs: [], tails: [] });
    expect(planPieces(`${line}\n`.repeat(5_000)).runs.length).toBeGreaterThan(3);
    expect(planPieces(line.repeat(2_000)).tails[0]!.length).toBeGreaterThan(3);
    // Link reference definitions resolve across the whole draft: no runs, only tails.
    expect(planPieces(`${line}\n`.repeat(5_000) + '\n[1]: http://x.cn\n').runs).toEqual([]);
  });
});

/** A chunk at every blank line where one may start; no other piece. */
const CHUNKED: PieceLimits = { block: Infinity, line: Infinity, hard: Infinity, chunk: 1, plain: false };
/** The same, and every stretch of plain lines read without the parser. */
const PLAIN: PieceLimits = { ...CHUNKED, plain: true };

/** The non-blank lines of the stretches of a draft read without the parser. */
function plainLines(text: string): string[] {
  const masked = maskMarkdown(text);
  return chunksOf(masked, 1, true)
    .filter((c) => c.plain)
    .flatMap((c) => masked.slice(c.start, c.end).split(/\r\n|\r|\n/))
    .filter((l) => l.trim());
}

/** Where parseChunks starts a chunk it parses, plain stretches aside or not. */
function chunkStarts(masked: string, size: number, plain = false): number[] {
  return chunksOf(masked, size, plain)
    .filter((c) => !c.plain)
    .map((c) => c.start);
}

/** The lines a chunk could start at: after a blank line, not indented, not at U+FEFF. */
function chunkCandidates(masked: string): number[] {
  return [...masked.matchAll(/(?<=(?:^|\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*)[^ \t\r\n\ufeff]/g)].map((m) => m.index).filter((i) => i > 0);
}

describe('Markdown parsed in chunks reads as Markdown parsed whole', () => {
  it('on the example drafts, the fixtures and the corpus', () => {
    let chunks = 0;
    let plain = 0;
    for (const [name, text] of DOCUMENTS) {
      const whole = markdownLayer(text, WHOLE);
      expect(markdownLayer(text, CHUNKED), name).toEqual(whole);
      expect(markdownLayer(text, PLAIN), name).toEqual(whole);
      chunks += chunkStarts(maskMarkdown(text), 1).length;
      plain += plainLines(text).length;
    }
    expect(plain).toBeGreaterThan(500);
    // Most drafts written as plain text have no blank line: those converted have one after every line.
    expect(chunks).toBeGreaterThan(DOCUMENTS.length * 2);
  });

  it('on generated drafts of fences, HTML blocks, lists, quotes, indented code and link references', () => {
    const prose = fc
      .array(fc.constantFrom('加强党的建设', '一是学习', '。', '**二是落实**', '*', '[党建]', '[党建][1]', '[链接][]', '![图][1]', '`代码`', '&amp;', ' '), { minLength: 1, maxLength: 6 })
      .map((xs) => xs.join(''));
    const opener = fc.constantFrom('```', '~~~', '````', '``` js', '<!--', '-->', '<pre>', '</pre>', '<script>', '</script>', '<div>', '</div>', '<span>', '<?x', '?>', '<!X', '>', '<![CDATA[', ']]>');
    const other = fc.constantFrom('===', '---', '***', '[1]: http://x.cn', '[党建]: /a "题"', '[链接\n]: /b', '<!-- dangjian-disable placeholder -->', '<!-- dangjian-enable -->', '-', '1.', '* ', '2)');
    const prefix = fc.constantFrom('', '', '', '', '> ', '- ', '1. ', '2) ', '* ', '+ ', '10. ', '  - ', '   1. ', '  ', '   ', '    ', '\t', '# ', '> - ');
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(prefix, prose).map(([p, t]) => p + t) },
      { weight: 1, arbitrary: fc.tuple(prefix, opener).map(([p, t]) => p + t) },
      { weight: 1, arbitrary: other },
      { weight: 4, arbitrary: fc.constantFrom('', '', '  ') },
    );
    const draft = fc.tuple(fc.array(line, { minLength: 5, maxLength: 30, size: 'medium' }), fc.constantFrom('\n', '\n', '\r\n', '\r')).map(([ls, eol]) => ls.join(eol).replace(/\n/g, eol));
    let chunks = 0;
    let refused = 0;
    fc.assert(
      fc.property(draft, (doc) => {
        expect(markdownLayer(doc, CHUNKED), JSON.stringify(doc)).toEqual(markdownLayer(doc, WHOLE));
        const masked = maskMarkdown(doc);
        const starts = chunkStarts(masked, 1);
        chunks += starts.length - 1;
        // Lines after a blank line where no chunk starts: code, a fence or an HTML block is open
        // there, or the chunk grew past them after such a refusal.
        refused += chunkCandidates(masked).filter((c) => !starts.includes(c)).length;
      }),
      { seed: 72025, numRuns: 600 },
    );
    console.info(`markdown-pieces: 600 generated drafts cut into chunks at ${chunks} places, ${refused} refused`);
    expect(chunks).toBeGreaterThan(800);
    expect(refused).toBeGreaterThan(800);
    // A parse per chunk, some 1 ms each on a loaded machine.
  }, 60_000);

  it('reads plain lines without the parser as the parser reads them', () => {
    // Mostly prose and what a plain line may hold; now and then what it may not.
    const token = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('加强党的建设', '一是学习', '。', '，', '2024年', '1.', '-5%', '\u3000', ' ', 'x') },
      { weight: 4, arbitrary: fc.constantFrom('*', '*****', '市*局', '_', '____', '  ', '\t', '\u00a0', '\ufeff', '=', '>', '+', ']', '#') },
      { weight: 1, arbitrary: fc.constantFrom('**', '***', '__', '1. ', '2)', '&', '&amp;', '<', '[', '`', '\\', '\0') },
    );
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.array(token, { minLength: 1, maxLength: 5 }).map((xs) => xs.join('')) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '###### ', '####### ', '#'), fc.array(token, { maxLength: 4 })).map(([h, xs]) => h + xs.join('')) },
      { weight: 8, arbitrary: fc.constantFrom('', '', ' ') },
      { weight: 1, arbitrary: fc.constantFrom('===', '---', '    缩进', '- 列表', '1. 列表', '> 引用') },
    );
    const start = fc.constantFrom('', '', '', '\ufeff', '---\ntitle: 标题\n---\n');
    const draft = fc
      .tuple(start, fc.array(line, { minLength: 3, maxLength: 30, size: 'medium' }), fc.constantFrom('\n', '\r\n', '\r'))
      .map(([head, ls, eol]) => (head + ls.join('\n')).replace(/\n/g, eol));
    const read: string[] = [];
    fc.assert(
      fc.property(draft, (doc) => {
        const whole = markdownLayer(doc, WHOLE);
        expect(markdownLayer(doc, PLAIN), JSON.stringify(doc)).toEqual(whole);
        expect(markdownLayer(doc), JSON.stringify(doc)).toEqual(whole);
        read.push(...plainLines(doc));
      }),
      { seed: 82025, numRuns: 1_000 },
    );
    // Not vacuous: thousands of lines read so, among them headings and lines with * and _.
    const count = (f: (l: string) => boolean): number => read.filter(f).length;
    const [headings, stars, lows] = [count((l) => l.startsWith('#')), count((l) => l.includes('*')), count((l) => l.includes('_'))];
    console.info(`markdown-pieces: ${read.length} plain lines read without the parser (${headings} headings, ${stars} with *, ${lows} with _)`);
    expect(read.length).toBeGreaterThan(1_000);
    expect(Math.min(headings, stars, lows)).toBeGreaterThan(50);
  }, 60_000);

  it('refuses a cut where a fence or an HTML block runs on past blank lines', () => {
    const para = '一是加强党的建设。';
    for (const [open, close] of <Array<[string, string]>>[
      ['```', '```'],
      ['~~~~ text', '~~~~'],
      ['<!--', '-->'],
      ['<pre>', '</pre>'],
      ['<script>', '</script>'],
      ['<?php', '?>'],
      ['<!DOCTYPE', '>'],
      ['<![CDATA[', ']]>'],
    ]) {
      const text = `${para}\n\n${open}\n\n${para}\n\n二、不是标题\n${close}\n\n${para}\n`;
      const [start, end] = [text.indexOf(open), text.lastIndexOf(close)];
      const starts = chunkStarts(text, 1);
      // A cut before the block, none inside.
      expect(starts, open).toContain(start);
      expect(starts.filter((s) => s > start && s <= end), open).toEqual([]);
      expect(markdownLayer(text, CHUNKED), open).toEqual(markdownLayer(text, WHOLE));
      expect(markdownLayer(text).paragraphs.map((p) => p.text), open).toEqual([para, para]);
    }
  });

  it('resolves a link reference against a definition in another chunk', () => {
    const filler = '二是落实“三会一课”制度，召开专题会议4次。\n\n'.repeat(50);
    const text = `一是加强[党建][1]工作，[学 习][]，[未定义][2]。\n\n${filler}> [学\n> 习]: /a\n\n${filler}[1]: http://x.cn\n`;
    expect(chunkStarts(maskMarkdown(text), 1).length).toBeGreaterThan(100);
    const chunked = markdownLayer(text, CHUNKED);
    expect(chunked).toEqual(markdownLayer(text, WHOLE));
    expect(chunked.paragraphs[0]!.text).toBe('一是加强党建工作，学 习，[未定义][2]。');
    expect(markdownLayer(text, { ...CHUNKED, chunk: 1_000 })).toEqual(chunked);
    expect(markdownLayer(text)).toEqual(chunked);
  });

  it('ends a chunk where the block left open at its end starts, and reads that block in the next', () => {
    const para = '一是加强党的建设。';
    const text = `${para}\n\n\`\`\`\n${para}\n\n二、不是标题\n\`\`\`\n\n${para}\n`;
    const [fence, close] = [text.indexOf('```'), text.lastIndexOf('```')];
    // The first chunk would end inside the fence: it ends before it instead; the next grows past it.
    const starts = chunkStarts(text, fence + 2);
    expect(starts.slice(0, 2)).toEqual([0, fence]);
    expect(starts.filter((s) => s > fence && s <= close)).toEqual([]);
    expect(markdownLayer(text, { ...CHUNKED, chunk: fence + 2 })).toEqual(markdownLayer(text, WHOLE));
  });

  it('keeps what the parser carries across blank lines', () => {
    for (const text of [
      // Indented code is still open to it at the next line: "> *" then reads as text, not an empty item.
      '\t加强党的建设\r\r\n> *',
      '    一是学习\n\n> 2. 二是落实\n',
      // It drops a U+FEFF at the start of what it reads, not within.
      '一是学习\n\n\ufeff二是落实\n===\n',
    ]) {
      expect(markdownLayer(text, CHUNKED), JSON.stringify(text)).toEqual(markdownLayer(text, WHOLE));
      expect(markdownLayer(text, PLAIN), JSON.stringify(text)).toEqual(markdownLayer(text, WHOLE));
    }
  });

  it('parses a long draft in chunks of bounded length, and a draft that is one open fence whole', () => {
    const para = '一是加强**党的建设**，全面从严治党，发展党员6名。'.repeat(8) + '\n\n';
    const text = para.repeat(3_000);
    const size = 2_048;
    const chunks = chunksOf(text, size, true);
    expect(chunks.every((c) => !c.plain && c.end - c.start < size + para.length)).toBe(true);
    expect(chunks.length).toBeGreaterThan(text.length / (2 * size));
    const fenced = '```\n' + text;
    expect(chunkStarts(fenced, size)).toEqual([0]);
    expect(markdownLayer(fenced).paragraphs).toEqual([]);
  });
});
