/**
 * Word's automatic numbering (numbering.xml), turned into the marker text Word shows: the counters
 * per list and level with their restarts, start values and overrides, the level text (%1、
 * （%2）…) and the number formats a Chinese draft uses (一 二 三, 1 2 3, ① ② ③…). Paragraph styles
 * (styles.xml) may carry the numbering too, through their own numPr and their basedOn chain.
 */
import type { SaxesTagNS } from 'saxes';
import { formatChineseNumeral } from '../numerals';
import { isOn, walkXml, wordAttr, wordName } from './package';

/** A WordprocessingML element with its w: attributes, for the small parts read as a tree. */
interface El {
  name: string;
  attrs: Map<string, string>;
  on: boolean;
  children: El[];
}

function wordTree(part: string, xml: string): El {
  const root: El = { name: '#root', attrs: new Map(), on: true, children: [] };
  const stack: (El | undefined)[] = [root];
  walkXml(part, xml, {
    open(tag: SaxesTagNS) {
      const parent = stack[stack.length - 1];
      const name = wordName(tag);
      // Elements of other vocabularies (w14:, mc:…) are left out with everything inside them.
      if (!parent || name === undefined) {
        stack.push(undefined);
        return;
      }
      const attrs = new Map<string, string>();
      for (const local of ['val', 'ilvl', 'abstractNumId', 'numId', 'styleId', 'type', 'default']) {
        const v = wordAttr(tag, local);
        if (v !== undefined) attrs.set(local, v);
      }
      const el: El = { name, attrs, on: isOn(tag), children: [] };
      parent.children.push(el);
      stack.push(el);
    },
    close() {
      stack.pop();
    },
  });
  return root;
}

const child = (el: El | undefined, name: string): El | undefined => el?.children.find((c) => c.name === name);
const val = (el: El | undefined, name: string): string | undefined => child(el, name)?.attrs.get('val');
const int = (s: string | undefined): number | undefined => {
  if (s === undefined || !/^-?\d+$/.test(s.trim())) return undefined;
  return Number(s);
};

export interface LevelDef {
  start: number;
  format: string;
  text: string;
  /** lvlRestart: the 1-based level whose use restarts this one; 0 never; undefined the level above. */
  restart: number | undefined;
  legal: boolean;
  /** The paragraph style linked to this level. */
  style: string | undefined;
  hidden: boolean;
}

interface AbstractDef {
  levels: Map<number, LevelDef>;
  /** numStyleLink: the levels are those of the list the numbering style points at. */
  styleLink: string | undefined;
}

interface NumDef {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: LevelDef }>;
}

interface StyleDef {
  basedOn: string | undefined;
  numId: string | undefined;
  ilvl: number | undefined;
}

function levelOf(el: El): LevelDef {
  const rPr = child(el, 'rPr');
  return {
    // Word writes w:start; the schema's default is 0.
    start: int(val(el, 'start')) ?? 0,
    format: val(el, 'numFmt') ?? 'decimal',
    text: val(el, 'lvlText') ?? '',
    restart: int(val(el, 'lvlRestart')),
    legal: child(el, 'isLgl')?.on ?? false,
    style: val(el, 'pStyle'),
    hidden: child(rPr, 'vanish')?.on ?? false,
  };
}

export class Numbering {
  private readonly abstracts = new Map<string, AbstractDef>();
  private readonly nums = new Map<string, NumDef>();
  private readonly styles = new Map<string, StyleDef>();
  private defaultStyle: string | undefined;
  /** Counters per list (abstractNum): lists that share a definition continue each other. */
  private readonly counters = new Map<string, { counts: (number | undefined)[]; seen: Set<string> }>();

  constructor(numberingXml: string | undefined, stylesXml: string | undefined) {
    if (numberingXml !== undefined) this.readNumbering(wordTree('word/numbering.xml', numberingXml));
    if (stylesXml !== undefined) this.readStyles(wordTree('word/styles.xml', stylesXml));
  }

  private readNumbering(root: El): void {
    const numbering = child(root, 'numbering');
    for (const el of numbering?.children ?? []) {
      if (el.name === 'abstractNum') {
        const id = el.attrs.get('abstractNumId');
        if (id === undefined) continue;
        const levels = new Map<number, LevelDef>();
        for (const lvl of el.children) {
          const i = int(lvl.attrs.get('ilvl'));
          if (lvl.name === 'lvl' && i !== undefined && !levels.has(i)) levels.set(i, levelOf(lvl));
        }
        this.abstracts.set(id, { levels, styleLink: val(el, 'numStyleLink') });
      } else if (el.name === 'num') {
        const id = el.attrs.get('numId');
        const abstractId = val(el, 'abstractNumId');
        if (id === undefined || abstractId === undefined) continue;
        const overrides: NumDef['overrides'] = new Map();
        for (const o of el.children) {
          const i = int(o.attrs.get('ilvl'));
          if (o.name !== 'lvlOverride' || i === undefined) continue;
          const lvl = child(o, 'lvl');
          const start = int(val(o, 'startOverride'));
          overrides.set(i, { ...(start !== undefined ? { start } : {}), ...(lvl ? { level: levelOf(lvl) } : {}) });
        }
        this.nums.set(id, { abstractId, overrides });
      }
    }
  }

  private readStyles(root: El): void {
    for (const el of child(root, 'styles')?.children ?? []) {
      const id = el.attrs.get('styleId');
      if (el.name !== 'style' || id === undefined) continue;
      const numPr = child(child(el, 'pPr'), 'numPr');
      this.styles.set(id, { basedOn: val(el, 'basedOn'), numId: val(numPr, 'numId'), ilvl: int(val(numPr, 'ilvl')) });
      const isDefault = el.attrs.get('default');
      if (el.attrs.get('type') === 'paragraph' && isDefault !== undefined && /^(1|true|on)$/i.test(isDefault)) this.defaultStyle = id;
    }
  }

  /** numId and ilvl from the style and the styles it is based on, nearest first. */
  private styleNumbering(styleId: string | undefined): { numId?: string; ilvl?: number } {
    const out: { numId?: string; ilvl?: number } = {};
    const seen = new Set<string>();
    for (let id = styleId ?? this.defaultStyle; id !== undefined && !seen.has(id); id = this.styles.get(id)?.basedOn) {
      seen.add(id);
      const s = this.styles.get(id);
      if (!s) break;
      out.numId ??= s.numId;
      out.ilvl ??= s.ilvl;
    }
    return out;
  }

  /** The list definition a num uses, following numStyleLink through its numbering style. */
  private abstractOf(num: NumDef): { id: string; def: AbstractDef } | undefined {
    let id = num.abstractId;
    for (let hops = 0; hops < 5; hops++) {
      const def = this.abstracts.get(id);
      if (!def) return undefined;
      const linked = def.styleLink === undefined ? undefined : this.styles.get(def.styleLink)?.numId;
      const next = linked === undefined ? undefined : this.nums.get(linked)?.abstractId;
      if (next === undefined || next === id) return { id, def };
      id = next;
    }
    return undefined;
  }

  /**
   * The marker Word shows before the next paragraph with these properties, advancing the counters;
   * '' for a paragraph without numbering. Called once per paragraph, in document order.
   */
  next(p: { styleId: string | undefined; numId: string | undefined; ilvl: number | undefined }): string {
    const fromStyle = this.styleNumbering(p.styleId);
    const numId = p.numId ?? fromStyle.numId;
    if (numId === undefined || numId === '0') return '';
    const num = this.nums.get(numId);
    const list = num && this.abstractOf(num);
    if (!num || !list) return '';
    const levelDef = (i: number): LevelDef | undefined => num.overrides.get(i)?.level ?? list.def.levels.get(i);
    const startOf = (i: number): number => num.overrides.get(i)?.start ?? levelDef(i)?.start ?? 0;
    const linked = p.styleId === undefined ? undefined : [...list.def.levels].find(([, l]) => l.style === p.styleId)?.[0];
    const ilvl = Math.max(0, Math.min(8, p.ilvl ?? fromStyle.ilvl ?? linked ?? 0));
    const def = levelDef(ilvl);
    if (!def) return '';

    let state = this.counters.get(list.id);
    if (!state) {
      state = { counts: [], seen: new Set() };
      this.counters.set(list.id, state);
    }
    const { counts } = state;
    // A num with overrides is a restart of its list ("重新开始编号"): it takes effect where it is first used.
    if (!state.seen.has(numId)) {
      state.seen.add(numId);
      for (const i of num.overrides.keys()) counts[i] = undefined;
    }
    const value = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl]! + 1;
    counts[ilvl] = value;
    for (let k = ilvl + 1; k < 9; k++) {
      const r = levelDef(k)?.restart;
      const after = r === undefined || r > k ? k : r;
      if (after !== 0 && ilvl < after) counts[k] = undefined;
    }
    if (def.hidden) return '';
    return symbolText(
      def.text.replace(/%([1-9])/g, (_, d: string) => {
        const k = Number(d) - 1;
        const v = k === ilvl ? value : (counts[k] ?? startOf(k));
        return formatNumber(v, def.legal ? 'decimal' : (levelDef(k)?.format ?? 'decimal'));
      }),
    );
  }
}

const DIGITS = '〇一二三四五六七八九';
const LEGAL = '零壹贰叁肆伍陆柒捌玖';

function range(first: number, count: number, n: number): string | undefined {
  return n >= 1 && n <= count ? String.fromCharCode(first + n - 1) : undefined;
}

function legalChinese(n: number): string {
  if (n < 10) return LEGAL[n]!;
  if (n < 100) return LEGAL[Math.floor(n / 10)] + '拾' + (n % 10 ? LEGAL[n % 10] : '');
  return String(n);
}

function letters(n: number): string {
  // Word repeats the letter: A … Z, AA … ZZ, AAA …
  const ch = String.fromCharCode(65 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) for (; n >= v; n -= v) out += s;
  return out;
}

/** A counter value in one of Word's number formats (w:numFmt); formats without a glyph for the value fall back to digits. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'none':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return range(0x2460, 20, n) ?? String(n); // ①
    case 'decimalEnclosedFullstop':
      return range(0x2488, 20, n) ?? String(n); // ⒈
    case 'decimalEnclosedParen':
      return range(0x2474, 20, n) ?? String(n); // ⑴
    case 'ideographEnclosedCircle':
      return range(0x3220, 10, n) ?? String(n); // ㈠
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1]! : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1]! : String(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
    case 'japaneseCounting':
      return n >= 0 && n < 1000 ? formatChineseNumeral(n) : String(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n).replace(/[0-9]/g, (d) => DIGITS[Number(d)]!);
    case 'chineseLegalSimplified':
      return n >= 0 ? legalChinese(n) : String(n);
    case 'upperLetter':
      return n >= 1 ? letters(n) : String(n);
    case 'lowerLetter':
      return n >= 1 ? letters(n).toLowerCase() : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    default:
      return String(n);
  }
}

/**
 * Bullets and w:sym characters drawn from a symbol font sit in the private use area (U+F0xx).
 * The common bullets become the Unicode character they look like; other symbol-font glyphs have
 * no meaning as text and are left out.
 */
const SYMBOL_GLYPHS: Record<number, string> = {
  0xf0b7: '•', // Symbol
  0xf06c: '●', // Wingdings
  0xf06e: '■',
  0xf0a7: '▪',
  0xf075: '◆',
  0xf076: '❖',
  0xf0d8: '➢',
  0xf0fc: '✔',
};

export function symbolText(s: string): string {
  return s.replace(/[\ue000-\uf8ff]/g, (c) => SYMBOL_GLYPHS[c.charCodeAt(0)] ?? '');
}
