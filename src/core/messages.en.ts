/**
 * English diagnostic messages: the Chinese template each rule passes to `t` → its English template,
 * with the same `{placeholders}`. `{name|one|other}` picks a word by the value (1 → one).
 * Text quoted from the draft stays as written, inside “…”.
 *
 * A template missing here falls back to Chinese and is recorded in `missingTranslations`
 * (test/i18n.test.ts asserts that none is).
 */
export const MESSAGES_EN: Readonly<Record<string, string>> = {
  // Numbering: numbering-sequence, numbering-level, numbering-punctuation, numbering-style-mix, inline-sequence, heading-punctuation
  '序号应为“{expected}”，此处为“{found}”':
    'Expected “{expected}”, found “{found}”',
  '标题前的第{first}—{last}行是一段提纲，序号与正文重复；提交前应删除':
    'Lines {first}–{last} before the title are an outline whose numbering repeats the body’s; delete them before submitting',
  '“{marker}”出现在下级序号“{deeper}”之后，层级颠倒':
    '“{marker}” comes after the lower-level marker “{deeper}”: the levels are inverted',
  '“{marker}”之前没有上一级序号“{parent}”':
    '“{marker}” has no higher-level “{parent}” marker before it',
  '“{marker}”直接位于“{parent}”之下，跳过了“{skipped}”一级':
    '“{marker}” sits directly under “{parent}”, skipping the “{skipped}” level',
  '“{marker}”直接位于“{parent}”之下，跳过了{gap}级序号':
    '“{marker}” sits directly under “{parent}”, skipping {gap} {gap|level|levels} of numbering',
  '序号应写作“{expected}”，此处为“{found}”（{reason}）':
    'The marker should be written “{expected}”, found “{found}” ({reason})',
  '同级序号样式不一致：前一项是“{previous}”，此处为“{found}”，应为“{expected}”':
    'Numbering style differs within a level: the previous item is “{previous}”, this one is “{found}”; expected “{expected}”',
  '只有“{first}”，没有“{second}”：列举不完整，或不必用序号':
    '“{first}” without “{second}”: the enumeration is incomplete, or needs no numbering',
  '同级标题句末标点不一致：此标题以“。”结尾，同级另有{others}个标题没有':
    'Headings at one level end inconsistently: this heading ends with “。”, {others} other {others|heading does|headings do} not',
  '同级标题句末标点不一致：此标题没有以“。”结尾，同级另有{others}个标题有':
    'Headings at one level end inconsistently: this heading does not end with “。”, {others} other {others|heading does|headings do}',
  // Why a marker is miswritten: the {reason} of numbering-punctuation
  '“{marker}”后不再加“{trail}”':
    'no “{trail}” after “{marker}”',
  '汉字数字序号后用顿号“、”':
    'a marker in Chinese numerals takes the enumeration comma “、”',
  '序号数字用半角阿拉伯数字':
    'marker numbers are half-width Arabic digits',
  '阿拉伯数字序号后用下脚点“.”':
    'a marker in Arabic digits takes a full stop “.”',
  '括号序号应有前后括号':
    'a bracketed marker needs both brackets',
  '序号括号用全角“（）”':
    'marker brackets are full-width “（）”',
  '括号应成对，宽度一致':
    'brackets come in pairs of one width',
  '序号标点不规范':
    'nonstandard marker punctuation',
  '“第一”类序号后用逗号':
    'a marker like “第一” takes a comma',
  // Structure: required-section, section-empty, placeholder
  '{type}缺少“{section}”部分：应有一级标题含“{words}”之一':
    'The {type} lacks a “{section}” part: a top-level heading should contain one of “{words}”',
  '讲话稿在第一部分之前应有称呼语，如“同志们：”':
    'A speech should address its audience before the first part, e.g. “同志们：”',
  '讲话稿结尾通常有“谢谢大家”之类的结束语':
    'A speech usually ends with a closing line such as “谢谢大家”',
  '标题“{heading}”下没有正文':
    'The heading “{heading}” has no text under it',
  '“{item}”只有主题句，没有展开内容（同级其他各项都有），疑似未写完':
    '“{item}” is only a topic sentence with nothing after it (the other items at its level all have text); it looks unfinished',
  '未填写的占位符“{placeholder}”：此处应为具体数字或名称':
    'Unfilled placeholder “{placeholder}”: the actual number or name belongs here',
  '未填写的占位符“{placeholder}”：此处应为具体名称':
    'Unfilled placeholder “{placeholder}”: the actual name belongs here',
  '未填写的占位符“{placeholder}”（自定义占位符规则）：此处应填写具体内容':
    'Unfilled placeholder “{placeholder}” (custom placeholder pattern): the actual content belongs here',
  '未完成的待补标记“{note}”：应补全内容并删除标记':
    'Unfinished note “{note}”: fill in the content and remove the note',
  '内容省略标记“{note}”：定稿中应补全被省略的内容':
    'Omission mark “{note}”: the final text should include what was left out',
  '未处理的待办标记“{note}”：应完成后删除':
    'Open to-do marker “{note}”: finish the work and remove the marker',
  // Figures: count-mismatch, figure-conflict, percent-range, part-exceeds-total, rate-mismatch
  '“{claim}”与前面列出的{members}项不符':
    '“{claim}” does not match the {members} {members|item|items} listed before it',
  '前文说“{claim}”，其后从“{first}”起实际列出{count}项':
    'The text says “{claim}”, but {count} {count|item is|items are} listed from “{first}” on',
  '“{figure}”与第{line}行的“{earlier}”不一致':
    '“{figure}” contradicts “{earlier}” on line {line}',
  '“{word}”不能超过100%，此处为{rate}':
    '“{word}” cannot exceed 100%, but here it is “{rate}”',
  '其中“{part}”超过总数“{total}”':
    'The part “{part}” exceeds the total “{total}”',
  '其中{parts}合计超过总数“{total}”':
    'The parts “{parts}” add up to more than the total “{total}”',
  '按所列数字，{part}÷{total}≈{exact}%，与所写{word}{rate}不符':
    'By the figures given, “{part}” ÷ “{total}” ≈ {exact}%, which does not match the stated “{word}{rate}”',
  // Numbers: number-format (GB/T 15835)
  '全角数字“{digits}”应改为半角“{half}”':
    'Full-width digits “{digits}” should be half-width “{half}”',
  '数字“{number}”中阿拉伯数字与“{unit}”混用，应全部写作阿拉伯数字（GB/T 15835：阿拉伯数字只与“万”“亿”连用）':
    '“{number}” mixes Arabic digits with “{unit}”; write it entirely in Arabic digits (GB/T 15835: Arabic digits combine only with “万” and “亿”)',
  '数字“{number}”中阿拉伯数字与“{unit}”混用，应写作“{fixed}”（GB/T 15835：阿拉伯数字只与“万”“亿”连用）':
    '“{number}” mixes Arabic digits with “{unit}”; write “{fixed}” (GB/T 15835: Arabic digits combine only with “万” and “亿”)',
  '百分数范围“{range}”应写作“{fixed}”：前一个数值的“{unit}”不能省略（GB/T 15835）':
    'The percentage range “{range}” should be written “{fixed}”: the first value keeps its “{unit}” too (GB/T 15835)',
  '带“{unit}”的数值范围“{range}”应写作“{fixed}”：前一个数值的“{unit}”不能省略（GB/T 15835）':
    'The range “{range}” should be written “{fixed}”: the first value keeps its “{unit}” too (GB/T 15835)',
  '年份起止“{range}年”应用一字线连接，写作“{fixed}年”，而不是“{dash}”（GB/T 15834）':
    'A span of years is joined with a one-em dash: write “{fixed}年” for “{range}年”, not “{dash}” (GB/T 15834)',
  '概数重复：“{phrase}”中“{first}”与“{second}”都表示约数，应只保留一个（GB/T 15835）':
    'Doubled approximation: in “{phrase}” both “{first}” and “{second}” mark an estimate; keep only one (GB/T 15835)',
  '党的代表大会届次应用汉字数字：“{found}”应写作“{fixed}”':
    'Party congresses are numbered in Chinese numerals: “{found}” should be “{fixed}”',
  '全会届次应用汉字数字：“{found}”应写作“{fixed}”':
    'Plenary sessions are numbered in Chinese numerals: “{found}” should be “{fixed}”',
  '届次应用汉字数字：“{found}”应写作“{fixed}”':
    'Terms are numbered in Chinese numerals: “{found}” should be “{fixed}”',
  // Formulations: formulation
  '提法“{term}”顺序有误，此处顺序为“{written}”（出处：{source}）':
    'The parts of “{term}” are out of order: written here as “{written}” (source: {source})',
  '“{term}”应为“{canonical}”，此处顺序为“{written}”（出处：{source}）':
    '“{term}” should read “{canonical}”; the order here is “{written}” (source: {source})',
  '提法有误：“{wrong}”应为“{right}”（“{term}”，出处：{source}）':
    'Wrong formulation: “{wrong}” should be “{right}” (“{term}”, source: {source})',
  // Punctuation: punctuation-width, and the names of the marks it fills into {name}
  '中文语境中的半角{name}“{mark}”应改为全角“{full}”':
    'Half-width {name} “{mark}” in Chinese text should be full-width “{full}”',
  '逗号':
    'comma',
  '分号':
    'semicolon',
  '冒号':
    'colon',
  '问号':
    'question mark',
  '叹号':
    'exclamation mark',
  '左括号':
    'opening parenthesis',
  '右括号':
    'closing parenthesis',
  // The built-in document types and their required sections (src/core/doctypes.ts), filled into {type} and {section}
  '讲话':
    'speech',
  '述职报告':
    'duty report',
  '工作总结':
    'work summary',
  '情况报告':
    'situation report',
  '通用文稿':
    'document',
  '做法/成效':
    'practice/results',
  '问题':
    'problems',
  '打算':
    'plans',
  '情况':
    'situation',
  // Lists built item by item: each item is appended to the list with one of these (English quotes every item)
  '{list}、{item}':
    '{list}”, “{item}',
  '{list}”“{item}':
    '{list}”, “{item}',
  // Section commands (src/core/restructure.ts): why an operation is refused
  '没有这一节':
    'There is no such section',
  '“{marker}”已是同级第一项，无法上移':
    '“{marker}” is already the first at its level: it cannot move up',
  '“{marker}”已是同级最后一项，无法下移':
    '“{marker}” is already the last at its level: it cannot move down',
  '“{marker}”已是最高一级，无法升级':
    '“{marker}” is already at the top level: it cannot be promoted',
  '“{marker}”是同级第一项，前面没有可并入的一节，无法降级':
    '“{marker}” is the first at its level: there is no section before it to go under, so it cannot be demoted',
  '层级已到最深一级“①”，无法再降级':
    'The deepest level “①” is reached: it cannot go one level deeper',
  '“①”类序号最多到“⑳”，无法再增加':
    'Circled numbers stop at “⑳”: there is no room for another',
  '不能把一节移到它自身或它的下级之中':
    'A section cannot be moved into itself or one of its subsections',
  '序号“{marker}”中含有Markdown标记，无法自动改写':
    'The marker “{marker}” has Markdown markup inside it and cannot be rewritten automatically',
  '调整后的序号无法被正确识别（如“1.”后紧跟数字），未作修改':
    'After the change the markers would no longer read as markers (such as “1.” followed by a digit), so nothing was changed',
  // Numbering completion (src/core/numbering-completion.ts): what each suggestion is
  '“{previous}”之后的下一节':
    'The next section after “{previous}”',
  '“{parent}”下的第一项':
    'The first item under “{parent}”',
  '“{previous}”之后的下一项':
    'The next item after “{previous}”',
  '正文的第一节':
    'The first section of the body',
  // The sources of the built-in formulations (src/rules/data/formulations.ts), filled into {source}
  '《中共中央关于在全党深入开展党的群众路线教育实践活动的意见》（2013年）':
    'Opinions of the CPC Central Committee on Carrying Out the Mass Line Education and Practice Campaign Throughout the Party (2013)',
  '《中华人民共和国宪法》序言（2018年修正）':
    'Preamble to the Constitution of the People’s Republic of China (2018 amendment)',
  '《中国共产党支部工作条例（试行）》':
    'Regulations on the Work of Branches of the Communist Party of China (for Trial Implementation)',
  '《中国共产党章程》':
    'Constitution of the Communist Party of China',
  '《中国共产党章程》第十条':
    'Constitution of the Communist Party of China, Article 10',
  '《中国共产党章程》（党的基本路线）':
    'Constitution of the Communist Party of China (the Party’s basic line)',
  '《中国共产党章程》（国有企业党委（党组）的领导作用）':
    'Constitution of the Communist Party of China (the leading role of Party committees and leading Party groups in state-owned enterprises)',
  '《中国共产党章程》；党的十九大报告':
    'Constitution of the Communist Party of China; Report to the 19th National Congress of the CPC',
  '《中国共产党纪律处分条例》（2018年修订）；《中国共产党章程》':
    'Regulations of the Communist Party of China on Disciplinary Action (2018 revision); Constitution of the Communist Party of China',
  '《关于新形势下党内政治生活的若干准则》':
    'Norms of Intra-Party Political Life Under New Circumstances',
  '中共中央办公厅、国务院办公厅《关于进一步推进国有企业贯彻落实“三重一大”决策制度的意见》（2010年）':
    'General Office of the CPC Central Committee and General Office of the State Council, Opinions on Further Implementing the “三重一大” Decision-Making System in State-Owned Enterprises (2010)',
  '中共中央办公厅《关于在全体党员中开展“学党章党规、学系列讲话，做合格党员”学习教育方案》（2016年）':
    'General Office of the CPC Central Committee, Plan for the Education Campaign Among All Party Members to Study the Party Constitution, Party Regulations and the Series of Speeches and Be Qualified Party Members (2016)',
  '中共中央办公厅《关于在全社会开展党史、新中国史、改革开放史、社会主义发展史宣传教育的通知》（2021年）':
    'General Office of the CPC Central Committee, Notice on Publicity and Education Across Society on the History of the Party, of New China, of Reform and Opening Up and of the Development of Socialism (2021)',
  '习近平总书记参加十三届全国人大五次会议内蒙古代表团审议时的讲话（2022年3月5日）；党的二十大报告':
    'General Secretary Xi Jinping’s speech to the Inner Mongolia delegation at the Fifth Session of the 13th National People’s Congress (5 March 2022); Report to the 20th National Congress of the CPC',
  '习近平总书记参加十二届全国人大二次会议安徽代表团审议时的讲话（2014年3月9日）':
    'General Secretary Xi Jinping’s speech to the Anhui delegation at the Second Session of the 12th National People’s Congress (9 March 2014)',
  '习近平总书记在2020年12月中央政治局民主生活会上的讲话；党的二十大报告':
    'General Secretary Xi Jinping’s speech at the Political Bureau’s meeting on criticism and self-criticism (December 2020); Report to the 20th National Congress of the CPC',
  '习近平总书记在中央第六次西藏工作座谈会上的讲话（2015年8月）；中央民族工作会议（2021年8月）':
    'General Secretary Xi Jinping’s speech at the Sixth Central Symposium on Work Related to Tibet (August 2015); Central Conference on Ethnic Affairs (August 2021)',
  '习近平总书记在全国抗击新冠肺炎疫情表彰大会上的讲话（2020年9月8日）':
    'General Secretary Xi Jinping’s speech at the national meeting honouring those who fought COVID-19 (8 September 2020)',
  '习近平总书记在全国组织工作会议上的讲话（2013年6月）':
    'General Secretary Xi Jinping’s speech at the National Conference on Organizational Work (June 2013)',
  '习近平总书记在庆祝中国共产党成立100周年大会上的讲话（2021年7月1日）':
    'General Secretary Xi Jinping’s speech at the ceremony marking the centenary of the Communist Party of China (1 July 2021)',
  '习近平总书记在庆祝中国共产党成立100周年大会上的讲话（2021年7月1日）；党的二十大报告':
    'General Secretary Xi Jinping’s speech at the ceremony marking the centenary of the Communist Party of China (1 July 2021); Report to the 20th National Congress of the CPC',
  '习近平总书记在省部级主要领导干部学习贯彻党的十九届五中全会精神专题研讨班上的讲话（2021年1月）':
    'General Secretary Xi Jinping’s speech at the study session for principal provincial and ministerial officials on the Fifth Plenary Session of the 19th CPC Central Committee (January 2021)',
  '党的二十大报告':
    'Report to the 20th National Congress of the CPC',
  '党的十九大报告':
    'Report to the 19th National Congress of the CPC',
  '党的十九大报告；《中国共产党章程》':
    'Report to the 19th National Congress of the CPC; Constitution of the Communist Party of China',
  '党的十九大报告；党的二十大报告（第一项改为全面建设社会主义现代化国家）':
    'Report to the 19th National Congress of the CPC; Report to the 20th National Congress of the CPC (whose first item reads “全面建设社会主义现代化国家”)',
  '党的十九届六中全会《中共中央关于党的百年奋斗重大成就和历史经验的决议》':
    'Sixth Plenary Session of the 19th CPC Central Committee, Resolution of the CPC Central Committee on the Major Achievements and Historical Experience of the Party over the Past Century',
  '党的十八大报告':
    'Report to the 18th National Congress of the CPC',
  '党的十八大报告；《中国共产党章程》':
    'Report to the 18th National Congress of the CPC; Constitution of the Communist Party of China',
  '党的十八届三中全会《中共中央关于全面深化改革若干重大问题的决定》':
    'Third Plenary Session of the 18th CPC Central Committee, Decision of the CPC Central Committee on Some Major Issues Concerning Comprehensively Deepening Reform',
  '党的十八届五中全会《中共中央关于制定国民经济和社会发展第十三个五年规划的建议》；《中国共产党章程》':
    'Fifth Plenary Session of the 18th CPC Central Committee, Recommendations of the CPC Central Committee for the 13th Five-Year Plan for Economic and Social Development; Constitution of the Communist Party of China',
  '党的十六大报告':
    'Report to the 16th National Congress of the CPC',
  '毛泽东《〈共产党人〉发刊词》（1939年）':
    'Mao Zedong, Introducing The Communist (1939)',
  '毛泽东《论联合政府》（1945年）':
    'Mao Zedong, On Coalition Government (1945)',
  '毛泽东在党的七届二中全会上的报告（1949年3月）':
    'Mao Zedong, Report to the Second Plenary Session of the Seventh Central Committee of the CPC (March 1949)',
  '邓小平南方谈话（1992年）':
    'Deng Xiaoping’s talks in southern China (1992)',
};
