/**
 * Unit tests of the claims layer (src/core/claims.ts): what `claimsOf(buildModel(text))` extracts
 * from a draft: quantities (value with 万/亿, decimals, approximation, unit, subject, object,
 * qualifiers), count claims (announced and listed), totals with their parts, and rates; and that
 * through a rule's memo (a LintCache) only edited paragraphs are read again, with the same result.
 *
 * Every text starts with a title line, as a real draft does; the title itself is never a claim.
 * The block "former gaps" states behaviour a careful reviewer expects that the layer once missed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimsOf, type Claims, type Quantity } from '../src/core/claims';
import { resolveConfig } from '../src/core/config';
import { LintCache } from '../src/core/lint';
import { buildModel, type DocumentFormat } from '../src/core/model';
import { RULES } from '../src/rules';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 7_2025;

const TITLE = '某机关党委2025年度党建工作情况报告';

function claims(body: string, format: DocumentFormat = 'text'): Claims {
  const text = format === 'markdown' ? `# ${TITLE}\n\n${body}` : `${TITLE}\n${body}`;
  return claimsOf(buildModel(text, format));
}

function quantity(body: string, raw: string): Quantity {
  const q = claims(body).quantities.find((x) => x.raw === raw);
  if (!q) throw new Error(`no quantity “${raw}” in “${body}”: ${claims(body).quantities.map((x) => x.raw).join(' ')}`);
  return q;
}

describe('quantities: values', () => {
  it('applies 万 and 亿 to the value and keeps the unit that follows', () => {
    const qs = claims('全市共有党员1.2万名，投入资金3.5亿元，其中阵地建设资金8000万元。').quantities;
    expect(qs.map((q) => [q.raw, q.value, q.unit])).toEqual([
      ['1.2万名', 12000, '名'],
      ['3.5亿元', 350000000, '元'],
      ['8000万元', 80000000, '元'],
    ]);
  });

  it('records the decimals as written, for rounding tolerance', () => {
    expect(quantity('整改率93.63%。', '93.63%').decimals).toBe(2);
    expect(quantity('全市共有党员1.2万名。', '1.2万名').decimals).toBe(1);
    expect(quantity('发展党员12名。', '12名')).toMatchObject({ value: 12, decimals: 0 });
  });

  it('normalises the full-width percent sign', () => {
    expect(quantity('群众满意率98.5％。', '98.5％')).toMatchObject({ value: 98.5, unit: '%' });
  });

  it('prefers the longest unit: 人次 over 人, 个百分点 over 个, 学时', () => {
    expect(quantity('开展谈心谈话120人次。', '120人次').unit).toBe('人次');
    expect(quantity('占比提高3个百分点。', '3个百分点').unit).toBe('个百分点');
    expect(quantity('人均学习42学时。', '42学时').unit).toBe('学时');
  });

  it('marks 约, 近, 超过, 逾, 不少于, 余 and 多 as approximations, not 达', () => {
    const qs = claims('约300人参加，近200名党员，300余人次，200多个，超过50%，逾60场，不少于4次，达95%，共12期。').quantities;
    const approx = Object.fromEntries(qs.map((q) => [q.raw, q.approx]));
    expect(approx).toEqual({
      '300人': true,
      '200名': true,
      '300余人次': true,
      '200多个': true,
      '50%': true,
      '60场': true,
      '4次': true,
      '95%': false,
      '12期': false,
    });
    expect(quantity('300余人次。', '300余人次').value).toBe(300);
  });

  it('does not take ordinals, dates, bare numbers or the title for figures', () => {
    expect(claims('第3次会议于2024年5月召开，预算1.5亿，编号2025。').quantities).toEqual([]);
    const c = claimsOf(buildModel('关于表彰30名优秀共产党员的决定\n表彰决定印发后，各支部组织学习。'));
    expect(c.quantities).toEqual([]);
  });

  it('maps each figure back to the source, in plain text with CRLF and in Markdown', () => {
    const text = `${TITLE}\r\n一、主要工作情况\r\n　　全年发展党员6名。\r\n`;
    const q = claimsOf(buildModel(text)).quantities[0]!;
    expect(text.slice(q.range.start, q.range.end)).toBe('6名');

    const md = `# ${TITLE}\n\n全年组织集中学习**24次**，专题研讨6次。\n`;
    const qs = claimsOf(buildModel(md, 'markdown')).quantities;
    expect(qs.map((x) => md.slice(x.range.start, x.range.end))).toEqual(['24次', '6次']);
  });

  it('numbers sentences within a paragraph', () => {
    const qs = claims('全年发展党员6名；转正预备党员4名。召开组织生活会2次！').quantities;
    expect(qs.map((q) => q.sentence)).toEqual([0, 1, 2]);
  });
});

describe('quantities: subject, object and qualifiers', () => {
  it('takes the clause before the number as the subject, without default time words and 共/其中', () => {
    expect(quantity('全年发展党员6名。', '6名').subject).toBe('发展党员');
    expect(quantity('今年以来发展党员6名。', '6名').subject).toBe('发展党员');
    expect(quantity('共有党员46名，其中预备党员3名。', '46名').subject).toBe('党员');
    expect(quantity('共有党员46名，其中预备党员3名。', '3名').subject).toBe('预备党员');
  });

  it('stops the subject at the clause boundary', () => {
    expect(quantity('坚持问题导向，开展专题研讨6次。', '6次').subject).toBe('开展专题研讨');
    expect(quantity('围绕学习、调研开展专题研讨6次。', '6次').subject).toBe('调研开展专题研讨');
  });

  it('takes the noun after the unit as the object when the verb comes first', () => {
    expect(quantity('召开4次专题会议。', '4次')).toMatchObject({ subject: '召开', object: '专题会议' });
    expect(quantity('召开专题会议4次。', '4次')).toMatchObject({ subject: '召开专题会议', object: '' });
  });

  it('collects time and scope qualifiers of the sentence so far', () => {
    expect(quantity('2024年发展党员5名。', '5名')).toMatchObject({ subject: '发展党员', qualifiers: ['2024年'] });
    expect(quantity('上半年召开专题会议4次。', '4次')).toMatchObject({ subject: '召开专题会议', qualifiers: ['上半年'] });
    expect(quantity('累计开展主题党日96次。', '96次').qualifiers).toEqual(['累计']);
    expect(quantity('人均学习42学时。', '42学时').qualifiers).toEqual(['人均']);
    expect(quantity('近三年发展党员17名。', '17名').qualifiers).toEqual(['近三年']);
  });

  it('does not carry qualifiers into the next sentence', () => {
    const qs = claims('2024年发展党员5名。全年发展党员6名。').quantities;
    expect(qs.map((q) => q.qualifiers)).toEqual([['2024年'], []]);
    expect(qs.map((q) => q.subject)).toEqual(['发展党员', '发展党员']);
  });
});

describe('count claims', () => {
  it('finds announcements of the items that follow', () => {
    const counts = claims('下面，我讲三点意见。从以下五个方面推进。概括起来就是概括为四句话。再提两点要求。').counts;
    expect(counts.map((c) => [c.kind, c.count, c.raw])).toEqual([
      ['announce', 3, '讲三点意见'],
      ['announce', 5, '以下五个方面'],
      ['announce', 4, '概括为四句话'],
      ['announce', 2, '提两点要求'],
    ]);
  });

  it('maps an announcement back to the source', () => {
    const text = `${TITLE}\n同志们，下面我讲三点意见。\n`;
    const c = claimsOf(buildModel(text)).counts[0]!;
    expect(text.slice(c.range.start, c.range.end)).toBe('讲三点意见');
  });

  it('counts the members listed right before a count', () => {
    const counts = claims('统筹政治建设、思想建设、组织建设三个方面，抓好学习、调研和整改三个环节，推动市、县、乡、村四级联动。').counts;
    expect(counts.map((c) => [c.kind, c.raw, c.count, c.members])).toEqual([
      ['listed', '三个方面', 3, 3],
      ['listed', '三个环节', 3, 3],
      ['listed', '四级联动', 4, 4],
    ]);
  });

  it('records a wrong number of members as it is', () => {
    const [c] = claims('抓好学习教育、查摆问题、整改落实、建章立制三个环节。').counts;
    expect(c).toMatchObject({ kind: 'listed', count: 3, members: 4 });
  });

  it('counts the members of a dash chain inside quotes', () => {
    const [c] = claims('建立“市—县—乡—村”四级联动机制。').counts;
    expect(c).toMatchObject({ kind: 'listed', count: 4, members: 4 });
    const [d] = claims('畅通“市—区—街道—社区”五级联动渠道。').counts;
    expect(d).toMatchObject({ count: 5, members: 4 });
  });

  it('does not split members at a 、 inside quotes or book-title marks', () => {
    const [c] = claims('深化“学习、调研”专项行动、“查摆、整改”专项行动两项工作。').counts;
    expect(c).toMatchObject({ count: 2, members: 2 });
    const [d] = claims('组织学习《党章》、《准则》两项内容。').counts;
    expect(d).toMatchObject({ count: 2, members: 2 });
  });

  it('leaves a list that ends in 等 unchecked', () => {
    expect(claims('推进党建、业务、队伍等三个方面工作。').counts).toEqual([]);
  });

  it('does not take a quoted term, an ordinal or a count without a list for a listed claim', () => {
    expect(claims('牢固树立“四个意识”，坚定“四个自信”。').counts).toEqual([]);
    expect(claims('第三个方面是作风建设。召开两个专题会议。').counts).toEqual([]);
  });
});

describe('totals and parts', () => {
  it('pairs 共…其中… in one sentence', () => {
    const [pt, ...rest] = claims('共有党员46名，其中在职党员38名、离退休党员8名。').partTotals;
    expect(rest).toEqual([]);
    expect(pt!.total).toMatchObject({ raw: '46名', value: 46 });
    expect(pt!.parts.map((p) => p.raw)).toEqual(['38名', '8名']);
  });

  it('keeps only parts with the total’s unit', () => {
    const [pt] = claims('共召开会议12次，其中专题会议5次，参会党员300名。').partTotals;
    expect(pt!.parts.map((p) => p.raw)).toEqual(['5次']);
  });

  it('applies 万 and 亿 to totals and parts alike', () => {
    const [pt] = claims('全市共投入党建经费1.2亿元，其中村级组织运转经费8000万元。').partTotals;
    expect(pt!.total.value).toBe(120000000);
    expect(pt!.parts.map((p) => p.value)).toEqual([80000000]);
  });

  it('does not pair across a sentence end, nor an approximate total or part', () => {
    expect(claims('共有党员46名。其中女党员19名。').partTotals).toEqual([]);
    expect(claims('共有党员约46名，其中女党员19名。').partTotals).toEqual([]);
    expect(claims('共有党员46名，其中女党员近20名。').partTotals).toEqual([]);
  });

  it('needs a total word before the total', () => {
    expect(claims('有党员46名，其中女党员19名。').partTotals).toEqual([]);
  });
});

describe('rates', () => {
  it('finds a rate with the figures before it in the same sentence', () => {
    const [r, ...rest] = claims('发现问题200个，已整改180个，整改率90%。').rates;
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ word: '整改率', growth: false });
    expect(r!.rate.value).toBe(90);
    expect(r!.figures.map((f) => f.value)).toEqual([200, 180]);
  });

  it('takes figures only from the rate’s own sentence and never other percentages', () => {
    const [r] = claims('发现问题200个。已整改180个，较上年提高5%，整改率90%。').rates;
    expect(r!.figures.map((f) => f.raw)).toEqual(['180个']);
  });

  it('keeps the last rate word of a coordinated pair', () => {
    const [r] = claims('党员参与率和民主评议覆盖率均达100%。').rates;
    expect(r).toMatchObject({ word: '民主评议覆盖率', growth: false });
  });

  it('flags growth rates as growth, and growth and 完成率 as rates that may pass 100%', () => {
    expect(claims('村级集体经济收入增长率达125%。').rates[0]).toMatchObject({ growth: true, mayExceed: true });
    expect(claims('同比增长率为18%。').rates[0]).toMatchObject({ growth: true });
    // 完成率 is a share of a plan: it may pass 100%, yet it still derives from the figures beside it.
    expect(claims('年度任务完成率112%。').rates[0]).toMatchObject({ word: '年度任务完成率', growth: false, mayExceed: true });
  });

  it('does not take a level reached (提高至/提高到) for growth', () => {
    expect(claims('党组织覆盖率提高至98%。').rates[0]).toMatchObject({ word: '党组织覆盖率', growth: false });
    expect(claims('党员到会率提升到99%。').rates[0]).toMatchObject({ growth: false });
  });

  it('does not take a bare percentage for a rate', () => {
    expect(claims('新增党组织36个，同比增长120%。志愿服务时长较上年提高15%。').rates).toEqual([]);
  });
});

describe('bounds', () => {
  it('lists at most 64 figures for a rate: the nearest before it', () => {
    // A sentence of thousands of figures and rates would otherwise list them all for every rate.
    const [r] = claims(Array.from({ length: 100 }, (_, i) => `党员${i + 1}名，`).join('') + '覆盖率95%。').rates;
    expect(r!.figures).toHaveLength(64);
    expect(r!.figures.at(-1)!.value).toBe(100);
  });

  it('lists at most 64 parts for a total: the first after its 其中', () => {
    const [pt] = claims('共有党员9999名，其中' + Array.from({ length: 100 }, (_, i) => `第${i + 1}支部党员${i + 1}名`).join('、') + '。').partTotals;
    expect(pt!.parts).toHaveLength(64);
    expect(pt!.parts[0]!.value).toBe(1);
  });
});

describe('caching', () => {
  it('extracts once per model', () => {
    const model = buildModel(`${TITLE}\n全年发展党员6名。`);
    expect(claimsOf(model)).toBe(claimsOf(model));
  });

  /** The claims of each text in turn, through the memo a LintCache gives a rule, and the paragraphs read each time. */
  function relint(texts: string[], format: DocumentFormat = 'text'): Array<{ claims: Claims; read: string[] }> {
    const cache = new LintCache();
    const config = resolveConfig({}, RULES);
    return texts.map((text) => {
      cache.begin(config, 'zh-cn');
      const scope = cache.scope('count-mismatch');
      const read: string[] = [];
      const claims = claimsOf(buildModel(text, format), (key, compute) =>
        scope(key, () => {
          read.push(key);
          return compute();
        }),
      );
      cache.end();
      return { claims, read };
    });
  }

  it('reads again only the paragraph an edit changed, and places the others where they now are', () => {
    const text = `${TITLE}\n共有党员46名，其中预备党员3名。\n我讲三点意见。\n发现问题200个，已整改180个，整改率90%。\n`;
    const edited = text.replace('共有党员46名', '全支部共有党员46名');
    const [first, second] = relint([text, edited]);
    expect(first!.read).toHaveLength(3);
    expect(second!.read).toEqual(['全支部共有党员46名，其中预备党员3名。']);
    expect(second!.claims).toEqual(claimsOf(buildModel(edited)));
    const rate = second!.claims.rates[0]!.rate;
    expect(edited.slice(rate.range.start, rate.range.end)).toBe('90%');
  });

  it('maps claims kept for a paragraph through its markup as it is now', () => {
    // Both drafts have the same paragraph text: the figures are kept, their places are not.
    const before = `# ${TITLE}\n\n全年组织集中学习24次，专题研讨6次。\n`;
    const after = `# ${TITLE}\n\n全年组织集中学习**24次**，专题研讨*6次*。\n`;
    const [, second] = relint([before, after], 'markdown');
    expect(second!.read).toEqual([]);
    expect(second!.claims.quantities.map((q) => after.slice(q.range.start, q.range.end))).toEqual(['24次', '6次']);
    expect(second!.claims).toEqual(claimsOf(buildModel(after, 'markdown')));
  });

  it('gives the claims of a fresh reading, edit after edit', () => {
    const sentence = fc.constantFrom(
      '共有党员46名，其中女党员19名、预备党员3名。',
      '发现问题200个，已整改180个，整改率90%。',
      '2024年发展党员5名；全年发展党员6名。',
      '我讲三点意见。',
      '抓好学习、调研和整改三个环节。',
      '一是加强学习。二是推动整改。',
      '召开4次专题会议，参会党员约300人。',
      '一、主要工作',
    );
    const edit = fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      cut: fc.integer({ min: 0, max: 12 }),
      insert: fc.constantFrom('', '3', '，', '。', '\n', '其中', '共', '约', '、', '全年', '率95%', '三个方面'),
    });
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), fc.array(edit, { minLength: 1, maxLength: 6 }), (lines, edits) => {
        const texts = [`${TITLE}\n${lines.join('\n')}\n`];
        for (const e of edits) {
          const t = texts[texts.length - 1]!;
          const at = Math.floor(e.at * t.length);
          texts.push(t.slice(0, at) + e.insert + t.slice(Math.min(t.length, at + e.cut)));
        }
        relint(texts).forEach(({ claims }, i) => expect(claims).toEqual(claimsOf(buildModel(texts[i]!))));
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('finding figures', () => {
  it('finds the figures a left-to-right reading finds, whatever digits and bound words surround them', () => {
    // The reading: the leftmost figure first, then on after it; one right after a digit, a point,
    // 第 or a dash is part of something else and is dropped. Only these units appear below, in the
    // order the layer prefers them.
    const READING = /(约|近|超过|逾|不少于|达)?(\d{1,12}(?:\.\d{1,6})?)(万|亿)?(余|多)?(个百分点|人次|%|名|人|个)/g;
    const piece = fc.constantFrom('1', '2', '0', '12', '.', '约', '近', '超', '过', '超过', '不少于', '少于', '于', '逾', '达', '万', '亿', '余', '多', '名', '个', '个百分点', '%', '人', '人次', '-', '第', '年', '，', '。');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const body = pieces.join('');
        const expected = [...body.matchAll(READING)].filter((m) => !/[0-9.．第\-－~～—]/.test(body[m.index - 1] ?? '')).map((m) => [m.index + (m[1]?.length ?? 0), m[0].slice(m[1]?.length ?? 0)]);
        const offset = TITLE.length + 1;
        expect(claims(body).quantities.map((q) => [q.range.start - offset, q.raw])).toEqual(expected);
      }),
      { seed: SEED, numRuns: 3000 },
    );
  });
});

describe('former gaps', () => {
  it('keeps 参与率 whole: 与 inside a rate word is not a conjunction', () => {
    // Today the word becomes “率”, so rate-mismatch finds no stem and never checks 参与率.
    const [r] = claims('支部党员86名，实际参与的党员43名，参与率90%。').rates;
    expect(r!.word).toBe('参与率');
  });

  it('counts the members of a 、 list inside one pair of quotes', () => {
    // “学习、调研、整改、总结”三个环节 lists four members right beside the count.
    const [c] = claims('各支部按照“学习、调研、整改、总结”三个环节推进工作。').counts;
    expect(c).toMatchObject({ kind: 'listed', count: 3, members: 4 });
  });

  it('finds a total whose noun carries quotes', () => {
    const [pt] = claims('全区共有“两新”组织党组织1.2万个，其中非公企业党组织1.5万个。').partTotals;
    expect(pt?.total.value).toBe(12000);
  });

  it('finds a total whose noun is longer than eight characters', () => {
    const [pt] = claims('全县共有非公有制企业党组织120个，其中单独建立党组织的130个。').partTotals;
    expect(pt?.total.value).toBe(120);
  });

  it('does not take 的基础上 for the object of a figure', () => {
    expect(quantity('在今年组织集中学习20次的基础上，继续提高学习质量。', '20次').object).toBe('');
  });
});
