import * as z from 'zod/mini';
import { configSchema } from './config';

/** The JSON schema of `.dangjianrc.json`, generated from the zod schema that validates it. */
export function configJsonSchema(ruleIds: readonly string[]): Record<string, unknown> {
  const schema = z.toJSONSchema(configSchema, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, any>;
  schema.title = '党建文稿助手配置（.dangjianrc.json）';
  // List the rule ids so editors complete them; unknown ids are still reported by the linter itself.
  const rules = schema.properties?.rules;
  if (rules) {
    const setting = rules.additionalProperties;
    rules.properties = Object.fromEntries(ruleIds.map((id) => [id, setting]));
    rules.propertyNames = { enum: [...ruleIds] };
  }
  return schema;
}
