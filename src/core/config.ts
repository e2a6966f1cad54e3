import * as z from 'zod/mini';
import { DEFAULT_DOCUMENT_TYPES, type DocumentType } from './doctypes';
import type { Rule, SeveritySetting } from './types';
import { catastrophicReason } from './regexsafety';

// zod/mini rather than 'zod': the same validators, as functions rather than methods, so that a
// bundle keeps only those used here: 25 KB instead of 93 KB in each bundle of the .vsix, and less
// for activation to load and run. It loads no locale (issue.message is only "Invalid input"), so
// describeIssue() words every issue these schemas raise itself.
const text = () => z.string().check(z.minLength(1));
/** For the editor's hover in .dangjianrc.json: z.toJSONSchema() takes descriptions from the global registry. */
const described = <T extends z.ZodMiniType>(schema: T, description: string): T => {
  z.globalRegistry.add(schema, { description });
  return schema;
};

const severitySetting = z.enum(['off', 'info', 'warning', 'error']);

const ruleSetting = z.union([severitySetting, z.tuple([severitySetting, z.record(z.string(), z.unknown())])]);

const documentTypeSchema = z.strictObject({
  name: described(text(), '类型名称，如“述职报告”'),
  titleCues: described(z.array(text()), '标题中出现这些词即判定为该类型'),
  titleExcludes: described(z.optional(z.array(text())), '标题中出现这些词则不判定为该类型'),
  requiredSections: described(
    z.array(z.strictObject({ name: text(), words: z.array(text()).check(z.minLength(1)) })),
    '必备部分：一级标题含其中任一词即满足',
  ),
  salutation: described(z.optional(z.boolean()), '讲话稿：第一部分之前应有称呼语'),
});

const formulationSchema = z.strictObject({
  term: described(text(), '提法，如“四个意识”'),
  members: described(z.array(text()).check(z.minLength(1)), '按规范顺序排列的组成项'),
  source: described(text(), '出处'),
  misWritings: z.optional(z.array(z.strictObject({ wrong: text(), right: text() }))),
});

/** The shape of `.dangjianrc.json`; the JSON schema for VS Code is generated from it. */
export const configSchema = z.strictObject({
  $schema: z.optional(z.string()),
  rules: described(z.optional(z.record(z.string(), ruleSetting)), '规则 id → off | info | warning | error，或 [级别, 选项]'),
  documentType: described(z.optional(z.string()), '文稿类型 id，如 duty-report；不填则按标题判断'),
  documentTypes: described(z.optional(z.record(z.string(), documentTypeSchema)), '新增或覆盖文稿类型'),
  formulations: described(z.optional(z.array(formulationSchema)), '补充的固定提法'),
  placeholders: described(z.optional(z.array(text())), '补充的占位符正则表达式'),
});

export type ConfigFile = z.infer<typeof configSchema>;

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: Map<string, RuleSetting>;
  documentType: string | undefined;
  documentTypes: DocumentType[];
  formulations: NonNullable<ConfigFile['formulations']>;
  placeholders: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

function keyPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') : '（根）';
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = `“${keyPath(issue.path)}”`;
  switch (issue.code) {
    case 'invalid_type':
      return `${where} 的类型不对：应为 ${issue.expected}`;
    case 'invalid_value':
      return `${where} 的取值不对：应为 ${issue.values.map((v) => JSON.stringify(v)).join(' | ')} 之一`;
    case 'unrecognized_keys':
      return `${where} 中有不认识的键：${issue.keys.join('、')}`;
    case 'invalid_union':
      return `${where} 的写法不对：应为 "off" | "info" | "warning" | "error"，或 [级别, {选项}]`;
    case 'too_small':
      return `${where} 不能为空`;
    default:
      return `${where}：${issue.message}`;
  }
}

/**
 * Validates a parsed `.dangjianrc.json` (or the equivalent VS Code settings) against the schema
 * and the rules that exist, and merges it over the defaults. Throws ConfigError with one Chinese
 * message per problem, each naming the key.
 */
export function resolveConfig(input: unknown, rules: readonly Rule<any>[], overrides: Record<string, SeveritySetting> = {}): ResolvedConfig {
  const parsed = configSchema.safeParse(input ?? {});
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeIssue));
  const file = parsed.data;
  const problems: string[] = [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  const settings = new Map<string, RuleSetting>();
  for (const r of rules) settings.set(r.id, { severity: r.defaultSeverity, options: {} });
  const apply = (id: string, value: z.infer<typeof ruleSetting>, where: string): void => {
    const rule = byId.get(id);
    if (!rule) {
      problems.push(`${where} 中的规则 “${id}” 不存在`);
      return;
    }
    const [severity, options] = typeof value === 'string' ? [value, {}] : value;
    if (rule.options) {
      const o = rule.options.safeParse(options);
      if (!o.success) {
        for (const issue of o.error.issues) problems.push(describeIssue({ ...issue, path: ['rules', id, 1, ...issue.path] }));
        return;
      }
    }
    settings.set(id, { severity, options });
  };
  for (const [id, value] of Object.entries(file.rules ?? {})) apply(id, value, '“rules”');
  for (const [id, severity] of Object.entries(overrides)) apply(id, severity, '--rule');
  for (const [i, p] of (file.placeholders ?? []).entries()) {
    try {
      new RegExp(p, 'u');
    } catch {
      problems.push(`“placeholders[${i}]” 不是合法的正则表达式：${p}`);
      continue;
    }
    const unsafe = catastrophicReason(p);
    if (unsafe) problems.push(`“placeholders[${i}]” 的正则表达式${unsafe}，请改写：${p}`);
  }
  const types = new Map(DEFAULT_DOCUMENT_TYPES.map((t) => [t.id, t]));
  for (const [id, t] of Object.entries(file.documentTypes ?? {})) types.set(id, { id, ...t });
  if (file.documentType && file.documentType !== 'generic' && !types.has(file.documentType)) {
    problems.push(`“documentType” 的取值 “${file.documentType}” 不是已知的文稿类型：应为 ${[...types.keys(), 'generic'].join(' | ')} 之一`);
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    rules: settings,
    documentType: file.documentType,
    documentTypes: [...types.values()],
    formulations: file.formulations ?? [],
    placeholders: file.placeholders ?? [],
  };
}
