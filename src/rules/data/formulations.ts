/**
 * The built-in dictionary of fixed formulations (提法) for the `formulation` rule.
 *
 * Each entry has a fixed set of members in a fixed, canonical order and the document that
 * defines it. Only entries whose members and order are settled in the cited source are here: a
 * wrong entry would make the linter flag correct drafts, so a formulation whose wording or order
 * varies between authoritative texts is left out (or its accepted wordings are listed as
 * variants). Users add or override entries with `formulations` in `.dangjianrc.json`.
 *
 * Members are the phrases a draft spells out as a list (A、B、C和D). Where drafts commonly use
 * a shorter or older wording of a member, `variants` lists those wordings under the canonical
 * member; a list in any mix of wordings is still checked for order, and a reordering fix keeps
 * the draft's own wording.
 */

export interface MisWriting {
  /** The wrong form as it appears in drafts. */
  wrong: string;
  /** What it should be. */
  right: string;
}

export interface FormulationEntry {
  /** How the formulation is named, e.g. 四个意识. */
  term: string;
  /** How many members it has; for a term with a count word (四个…, 三严三实) that number. */
  count: number;
  /** The members in canonical order. */
  members: readonly string[];
  /** Other accepted wordings of a member, keyed by the canonical member. */
  variants?: Readonly<Record<string, readonly string[]>>;
  /** The document that defines the formulation. */
  source: string;
  /** Known wrong forms of the term itself. */
  misWritings?: readonly MisWriting[];
}

/** Adds 坚持X / 必须坚持X wordings for members that drafts often prefix with 坚持. */
function withPrefixes(members: readonly string[], prefixes: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(members.map((m) => [m, prefixes.map((p) => p + m)]));
}

const MUST_UPHOLD = ['人民至上', '自信自立', '守正创新', '问题导向', '系统观念', '胸怀天下'] as const;

export const FORMULATIONS: readonly FormulationEntry[] = [
  // ---- 政治要求 -----------------------------------------------------------------------------
  {
    term: '两个确立',
    count: 2,
    members: ['确立习近平同志党中央的核心、全党的核心地位', '确立习近平新时代中国特色社会主义思想的指导地位'],
    source: '党的十九届六中全会《中共中央关于党的百年奋斗重大成就和历史经验的决议》',
  },
  {
    term: '两个维护',
    count: 2,
    members: ['坚决维护习近平总书记党中央的核心、全党的核心地位', '坚决维护党中央权威和集中统一领导'],
    variants: {
      '坚决维护习近平总书记党中央的核心、全党的核心地位': ['维护习近平总书记党中央的核心、全党的核心地位'],
      坚决维护党中央权威和集中统一领导: ['维护党中央权威和集中统一领导'],
    },
    source: '《中国共产党纪律处分条例》（2018年修订）；《中国共产党章程》',
  },
  {
    term: '四个意识',
    count: 4,
    members: ['政治意识', '大局意识', '核心意识', '看齐意识'],
    source: '《中国共产党章程》',
  },
  {
    term: '四个自信',
    count: 4,
    members: ['道路自信', '理论自信', '制度自信', '文化自信'],
    source: '《中国共产党章程》；党的十九大报告',
  },
  {
    term: '政治三力',
    count: 3,
    members: ['政治判断力', '政治领悟力', '政治执行力'],
    source: '习近平总书记在2020年12月中央政治局民主生活会上的讲话；党的二十大报告',
  },
  {
    term: '党的四力',
    count: 4,
    members: ['政治领导力', '思想引领力', '群众组织力', '社会号召力'],
    source: '党的十九大报告',
  },
  {
    term: '不忘初心、牢记使命',
    count: 2,
    members: ['不忘初心', '牢记使命'],
    source: '党的十九大报告',
  },
  {
    term: '总揽全局、协调各方',
    count: 2,
    members: ['总揽全局', '协调各方'],
    source: '《中国共产党章程》',
  },
  {
    term: '把方向、管大局、保落实',
    count: 3,
    members: ['把方向', '管大局', '保落实'],
    variants: { 保落实: ['促落实'] },
    source: '《中国共产党章程》（国有企业党委（党组）的领导作用）',
  },
  {
    term: '两个务必',
    count: 2,
    members: ['务必使同志们继续地保持谦虚、谨慎、不骄、不躁的作风', '务必使同志们继续地保持艰苦奋斗的作风'],
    variants: {
      '务必使同志们继续地保持谦虚、谨慎、不骄、不躁的作风': ['务必继续保持谦虚、谨慎、不骄、不躁的作风'],
      务必使同志们继续地保持艰苦奋斗的作风: ['务必继续保持艰苦奋斗的作风'],
    },
    source: '毛泽东在党的七届二中全会上的报告（1949年3月）',
  },
  {
    term: '三个务必',
    count: 3,
    members: ['务必不忘初心、牢记使命', '务必谦虚谨慎、艰苦奋斗', '务必敢于斗争、善于斗争'],
    source: '党的二十大报告',
  },

  // ---- 理论与战略 ---------------------------------------------------------------------------
  {
    term: '两个结合',
    count: 2,
    members: ['同中国具体实际相结合', '同中华优秀传统文化相结合'],
    source: '习近平总书记在庆祝中国共产党成立100周年大会上的讲话（2021年7月1日）；党的二十大报告',
  },
  {
    term: '四个伟大',
    count: 4,
    members: ['伟大斗争', '伟大工程', '伟大事业', '伟大梦想'],
    source: '党的十九大报告',
  },
  {
    term: '五个必由之路',
    count: 5,
    members: [
      '坚持党的全面领导是坚持和发展中国特色社会主义的必由之路',
      '中国特色社会主义是实现中华民族伟大复兴的必由之路',
      '团结奋斗是中国人民创造历史伟业的必由之路',
      '贯彻新发展理念是新时代我国发展壮大的必由之路',
      '全面从严治党是党永葆生机活力、走好新的赶考之路的必由之路',
    ],
    source: '习近平总书记参加十三届全国人大五次会议内蒙古代表团审议时的讲话（2022年3月5日）；党的二十大报告',
  },
  {
    term: '五位一体总体布局',
    count: 5,
    members: ['经济建设', '政治建设', '文化建设', '社会建设', '生态文明建设'],
    source: '党的十八大报告',
    misWritings: [{ wrong: '五位一体战略布局', right: '五位一体总体布局' }],
  },
  {
    term: '四个全面战略布局',
    count: 4,
    members: ['全面建设社会主义现代化国家', '全面深化改革', '全面依法治国', '全面从严治党'],
    variants: { 全面建设社会主义现代化国家: ['全面建成小康社会'] },
    source: '党的十九大报告；党的二十大报告（第一项改为全面建设社会主义现代化国家）',
    misWritings: [{ wrong: '四个全面总体布局', right: '四个全面战略布局' }],
  },
  {
    term: '新发展理念',
    count: 5,
    members: ['创新', '协调', '绿色', '开放', '共享'],
    variants: {
      创新: ['创新发展'],
      协调: ['协调发展'],
      绿色: ['绿色发展'],
      开放: ['开放发展'],
      共享: ['共享发展'],
    },
    source: '党的十八届五中全会《中共中央关于制定国民经济和社会发展第十三个五年规划的建议》；《中国共产党章程》',
  },
  {
    term: '三新',
    count: 3,
    members: ['立足新发展阶段', '贯彻新发展理念', '构建新发展格局'],
    variants: {
      立足新发展阶段: ['新发展阶段'],
      贯彻新发展理念: ['新发展理念'],
      构建新发展格局: ['新发展格局'],
    },
    source: '习近平总书记在省部级主要领导干部学习贯彻党的十九届五中全会精神专题研讨班上的讲话（2021年1月）',
  },
  {
    term: '六个必须坚持',
    count: 6,
    members: MUST_UPHOLD,
    variants: withPrefixes(MUST_UPHOLD, ['坚持', '必须坚持']),
    source: '党的二十大报告',
  },
  {
    term: '中国式现代化的中国特色',
    count: 5,
    members: [
      '人口规模巨大的现代化',
      '全体人民共同富裕的现代化',
      '物质文明和精神文明相协调的现代化',
      '人与自然和谐共生的现代化',
      '走和平发展道路的现代化',
    ],
    source: '党的二十大报告',
  },
  {
    term: '五个文明',
    count: 5,
    members: ['物质文明', '政治文明', '精神文明', '社会文明', '生态文明'],
    source: '《中华人民共和国宪法》序言（2018年修正）',
  },
  {
    term: '三大攻坚战',
    count: 3,
    members: ['防范化解重大风险', '精准脱贫', '污染防治'],
    variants: { 精准脱贫: ['精准扶贫'] },
    source: '党的十九大报告',
  },
  {
    term: '两个毫不动摇',
    count: 2,
    members: ['毫不动摇巩固和发展公有制经济', '毫不动摇鼓励、支持、引导非公有制经济发展'],
    source: '党的十六大报告',
  },
  {
    term: '一个中心、两个基本点',
    count: 3,
    members: ['以经济建设为中心', '坚持四项基本原则', '坚持改革开放'],
    source: '《中国共产党章程》（党的基本路线）',
  },
  {
    term: '四项基本原则',
    count: 4,
    members: ['坚持社会主义道路', '坚持人民民主专政', '坚持中国共产党的领导', '坚持马克思列宁主义毛泽东思想'],
    variants: { 坚持马克思列宁主义毛泽东思想: ['坚持马克思列宁主义、毛泽东思想'] },
    source: '《中国共产党章程》',
  },
  {
    term: '三个代表',
    count: 3,
    members: ['始终代表中国先进生产力的发展要求', '始终代表中国先进文化的前进方向', '始终代表中国最广大人民的根本利益'],
    variants: {
      始终代表中国先进生产力的发展要求: ['代表中国先进生产力的发展要求'],
      始终代表中国先进文化的前进方向: ['代表中国先进文化的前进方向'],
      始终代表中国最广大人民的根本利益: ['代表中国最广大人民的根本利益'],
    },
    source: '《中国共产党章程》',
  },
  {
    term: '三个有利于',
    count: 3,
    members: ['是否有利于发展社会主义社会的生产力', '是否有利于增强社会主义国家的综合国力', '是否有利于提高人民的生活水平'],
    variants: {
      是否有利于发展社会主义社会的生产力: ['有利于发展社会主义社会的生产力'],
      是否有利于增强社会主义国家的综合国力: ['有利于增强社会主义国家的综合国力'],
      是否有利于提高人民的生活水平: ['有利于提高人民的生活水平'],
    },
    source: '邓小平南方谈话（1992年）',
  },
  {
    term: '社会主义核心价值观',
    count: 12,
    members: ['富强', '民主', '文明', '和谐', '自由', '平等', '公正', '法治', '爱国', '敬业', '诚信', '友善'],
    source: '党的十八大报告',
  },
  {
    term: '五个认同',
    count: 5,
    members: ['伟大祖国', '中华民族', '中华文化', '中国共产党', '中国特色社会主义'],
    source: '习近平总书记在中央第六次西藏工作座谈会上的讲话（2015年8月）；中央民族工作会议（2021年8月）',
  },
  {
    term: '新十六字方针',
    count: 4,
    members: ['科学立法', '严格执法', '公正司法', '全民守法'],
    source: '党的十八大报告',
  },
  {
    term: '两个至上',
    count: 2,
    members: ['人民至上', '生命至上'],
    source: '习近平总书记在全国抗击新冠肺炎疫情表彰大会上的讲话（2020年9月8日）',
  },

  // ---- 党的建设 -----------------------------------------------------------------------------
  {
    term: '新时代党的建设总要求',
    count: 5,
    members: ['政治建设', '思想建设', '组织建设', '作风建设', '纪律建设'],
    source: '党的十九大报告；《中国共产党章程》',
  },
  {
    term: '伟大建党精神',
    count: 8,
    members: ['坚持真理', '坚守理想', '践行初心', '担当使命', '不怕牺牲', '英勇斗争', '对党忠诚', '不负人民'],
    source: '习近平总书记在庆祝中国共产党成立100周年大会上的讲话（2021年7月1日）',
  },
  {
    term: '三大作风',
    count: 3,
    members: ['理论联系实际', '密切联系群众', '批评和自我批评'],
    variants: { 批评和自我批评: ['批评与自我批评'] },
    source: '毛泽东《论联合政府》（1945年）',
  },
  {
    term: '三大法宝',
    count: 3,
    members: ['统一战线', '武装斗争', '党的建设'],
    source: '毛泽东《〈共产党人〉发刊词》（1939年）',
  },
  {
    term: '四个服从',
    count: 4,
    members: ['党员个人服从党的组织', '少数服从多数', '下级组织服从上级组织', '全党各个组织和全体党员服从党的全国代表大会和中央委员会'],
    variants: {
      党员个人服从党的组织: ['个人服从组织'],
      下级组织服从上级组织: ['下级服从上级'],
      全党各个组织和全体党员服从党的全国代表大会和中央委员会: ['全党服从中央'],
    },
    source: '《中国共产党章程》第十条',
  },
  {
    term: '四个自我',
    count: 4,
    members: ['自我净化', '自我完善', '自我革新', '自我提高'],
    source: '党的十八大报告；《中国共产党章程》',
  },
  {
    term: '四大考验',
    count: 4,
    members: ['执政考验', '改革开放考验', '市场经济考验', '外部环境考验'],
    variants: { 执政考验: ['执政'], 改革开放考验: ['改革开放'], 市场经济考验: ['市场经济'], 外部环境考验: ['外部环境'] },
    source: '党的十八大报告；《中国共产党章程》',
  },
  {
    term: '四种危险',
    count: 4,
    members: ['精神懈怠危险', '能力不足危险', '脱离群众危险', '消极腐败危险'],
    variants: {
      精神懈怠危险: ['精神懈怠的危险', '精神懈怠'],
      能力不足危险: ['能力不足的危险', '能力不足'],
      脱离群众危险: ['脱离群众的危险', '脱离群众'],
      消极腐败危险: ['消极腐败的危险', '消极腐败'],
    },
    source: '党的十八大报告；《中国共产党章程》',
  },
  {
    term: '党内政治生活四性',
    count: 4,
    members: ['政治性', '时代性', '原则性', '战斗性'],
    source: '《关于新形势下党内政治生活的若干准则》',
  },
  {
    term: '三会一课',
    count: 4,
    members: ['支部党员大会', '支部委员会', '党小组会', '党课'],
    variants: {
      支部党员大会: ['党员大会', '支部大会'],
      支部委员会: ['支部委员会会议', '支委会'],
    },
    source: '《中国共产党支部工作条例（试行）》',
  },
  {
    term: '两个责任',
    count: 2,
    members: ['党委主体责任', '纪委监督责任'],
    variants: { 党委主体责任: ['党委的主体责任', '党委（党组）主体责任'], 纪委监督责任: ['纪委的监督责任'] },
    source: '党的十八届三中全会《中共中央关于全面深化改革若干重大问题的决定》',
  },
  {
    term: '好干部标准',
    count: 5,
    members: ['信念坚定', '为民服务', '勤政务实', '敢于担当', '清正廉洁'],
    source: '习近平总书记在全国组织工作会议上的讲话（2013年6月）',
  },
  {
    term: '四史',
    count: 4,
    members: ['党史', '新中国史', '改革开放史', '社会主义发展史'],
    source: '中共中央办公厅《关于在全社会开展党史、新中国史、改革开放史、社会主义发展史宣传教育的通知》（2021年）',
  },

  // ---- 作风与纪律 ---------------------------------------------------------------------------
  {
    term: '四风',
    count: 4,
    members: ['形式主义', '官僚主义', '享乐主义', '奢靡之风'],
    source: '《中共中央关于在全党深入开展党的群众路线教育实践活动的意见》（2013年）',
    misWritings: [{ wrong: '奢靡主义', right: '奢靡之风' }],
  },
  {
    term: '三重一大',
    count: 4,
    members: ['重大事项决策', '重要干部任免', '重大项目安排', '大额度资金运作'],
    variants: {
      重大事项决策: ['重大决策', '重大问题决策'],
      重要干部任免: ['重要人事任免'],
      重大项目安排: ['重要项目安排', '重大项目投资决策'],
      大额度资金运作: ['大额度资金使用', '大额度资金的使用', '大额资金使用', '大额资金的使用', '大额资金运作'],
    },
    source: '中共中央办公厅、国务院办公厅《关于进一步推进国有企业贯彻落实“三重一大”决策制度的意见》（2010年）',
  },
  {
    term: '三严三实',
    count: 6,
    members: ['严以修身', '严以用权', '严以律己', '谋事要实', '创业要实', '做人要实'],
    source: '习近平总书记参加十二届全国人大二次会议安徽代表团审议时的讲话（2014年3月9日）',
  },
  {
    term: '两学一做',
    count: 3,
    members: ['学党章党规', '学系列讲话', '做合格党员'],
    source: '中共中央办公厅《关于在全体党员中开展“学党章党规、学系列讲话，做合格党员”学习教育方案》（2016年）',
  },
  {
    term: '四讲四有',
    count: 8,
    members: ['讲政治', '有信念', '讲规矩', '有纪律', '讲道德', '有品行', '讲奉献', '有作为'],
    source: '中共中央办公厅《关于在全体党员中开展“学党章党规、学系列讲话，做合格党员”学习教育方案》（2016年）',
  },
  {
    term: '四个合格',
    count: 4,
    members: ['政治合格', '执行纪律合格', '品德合格', '发挥作用合格'],
    source: '中共中央办公厅《关于在全体党员中开展“学党章党规、学系列讲话，做合格党员”学习教育方案》（2016年）',
  },
  {
    term: '一体推进不敢腐、不能腐、不想腐',
    count: 3,
    members: ['不敢腐', '不能腐', '不想腐'],
    source: '党的二十大报告',
  },
];
