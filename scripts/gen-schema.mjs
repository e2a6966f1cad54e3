// Writes schemas/dangjianrc.schema.json from the zod schema in src/core/config.ts.
import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';

const out = await build({
  stdin: {
    contents: "import { configJsonSchema } from './src/core/schema'; import { RULES } from './src/rules'; export default configJsonSchema(RULES.map((r) => r.id));",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
  logLevel: 'warning',
});
const mod = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
writeFileSync('schemas/dangjianrc.schema.json', JSON.stringify(mod.default, null, 2) + '\n');
console.log('schemas/dangjianrc.schema.json written');
