import * as z from 'zod';
import { DEFAULT_DOCUMENT_TYPES, type DocumentType } from './doctypes';
import type { Rule, SeveritySetting } from './types';
import { catastrophicReason } from './regexsafety';

const severitySetting = z.enum(['off', 'info', 'warning', 'error']);

const ruleSetting = z.union([severitySetting, z.tuple([severitySetting, z.record(z.string(), z.unknown())])]);

const documentTypeSchema = z
  .object({
    name: z.string().min(1).describe('类型名称，如“述职报告”'),
    titleCues: z.array(z.string().min(1)).describe('标题中出现这些词即判定为该类型'),
    titleExcludes: z.array(z.string().min(1)).optional().describe('标题中出现这些词则不判定为该类型'),
    requiredSections: z
      .array(z.object({ name: z.string().min(1), words: z.array(z.string().min(1)).min(1) }).strict())
      .describe('必备部分：一级标题含其中任一词即满足'),
    salutation: z.boolean().optional().describe('讲话稿：第一部分之前应有称呼语'),
  })
  .strict();

const formulationSchema = z
  .object({
    term: z.string().min(1).describe('提法，如“四个意识”'),
    members: z.array(z.string().min(1)).min(1).describe('按规范顺序排列的组成项'),
    source: z.string().min(1).describe('出处'),
    misWritings: z.array(z.object({ wrong: z.string().min(1), right: z.string().min(1) }).strict()).optional(),
  })
  .strict();

/** The shape of `.dangjianrc.json`; the JSON schema for VS Code is generated from it. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    rules: z.record(z.string(), ruleSetting).optional().describe('规则 id → off | info | warning | error，或 [级别, 选项]'),
    documentType: z.string().optional().describe('文稿类型 id，如 duty-report；不填则按标题判断'),
    documentTypes: z.record(z.string(), documentTypeSchema).optional().describe('新增或覆盖文稿类型'),
    formulations: z.array(formulationSchema).optional().describe('补充的固定提法'),
    placeholders: z.array(z.string().min(1)).optional().describe('补充的占位符正则表达式'),
  })
  .strict();

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
