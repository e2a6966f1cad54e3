/**
 * GB/T 9704-2012 page and type measurements in Word's units, kept apart from the export so that
 * the arithmetic can be read (and tested) on its own.
 *
 * Word measures the page in twips (1/20 pt, 1440 per inch: 1 mm = 1440 / 25.4 ≈ 56.693 twips) and
 * font sizes in half-points (w:sz).
 */

export const mm = (n: number): number => Math.round((n * 1440) / 25.4);

/** A4, 210 × 297 mm. */
export const PAGE = { width: mm(210), height: mm(297) } as const; // 11906 × 16838

/** 天头 37 mm, bottom 35 mm, 订口 (left) 28 mm, right 26 mm: a type area of 156 × 225 mm. */
export const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const; // 2098, 1984, 1587, 1474

export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;

/** Font sizes in points: 2号 22 pt (title), 3号 16 pt (body and headings), 4号 14 pt (page number). */
export const PT = { title: 22, body: 16, pageNumber: 14 } as const;

/**
 * Line pitch: the type area is 16838 − 2098 − 1984 = 12756 twips tall; 12756 / 22 = 579.8, and
 * Word fits floor(12756 / pitch) lines, so the pitch is 579 twips (28.95 pt): 22 lines, not 23.
 */
export const LINE_PITCH = Math.floor((PAGE.height - MARGIN.top - MARGIN.bottom) / LINES_PER_PAGE);

/**
 * Character pitch: the type area is 11906 − 1587 − 1474 = 8845 twips wide; 8845 / 28 = 315.9
 * twips = 15.795 pt per character. w:charSpace is the difference from the Normal style's font size
 * (16 pt) in 1/4096 pt: (15.795 − 16) × 4096 = −841.1, rounded down to −842 so that 28 characters
 * (28 × (16 − 842/4096) pt = 442.24 pt = 8844.9 twips) fit in the line rather than 27.
 */
export const CHAR_SPACE = Math.floor(((PAGE.width - MARGIN.left - MARGIN.right) / CHARS_PER_LINE / 20 - PT.body) * 4096);

/**
 * The footer's distance from the page's bottom edge. GB/T 9704 puts the page number's 一字线 7 mm
 * below the type area, i.e. 35 − 7 = 28 mm above the edge; a 4号 line is about 6 mm tall with the
 * dash near its middle, so the footer line starts about 25 mm above the edge.
 */
export const FOOTER_DISTANCE = mm(25);

/** The export writes no header, but w:pgMar must give a distance for one: 708 twips, about 1.25 cm. */
export const HEADER_DISTANCE = 708;

/** Two characters of 3号 body text: the first-line indent, in twips and in Word's 1/100 character. */
export const FIRST_LINE_INDENT = { twips: 2 * PT.body * 20, chars: 200 } as const;

/** 单页码居右空一字，双页码居左空一字: one 4号 character, in twips. */
export const PAGE_NUMBER_INSET = PT.pageNumber * 20;

/** Font names exactly as Word and WPS list them, so that an installed font is picked up by name. */
export const FONT = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  level1: '黑体',
  level2: '楷体_GB2312',
  pageNumber: '宋体',
} as const;
