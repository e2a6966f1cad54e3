// Bundles the CLI into one file (plus chunks that only some runs load) so that it starts fast and
// needs no node_modules at run time, and
// the VS Code extension twice: for the desktop extension host (Node) and for the browser
// (vscode.dev, code-server's web worker host). `vscode` is provided by the host.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

// The config is validated with zod/mini, whose functions a bundle keeps only as far as they are
// used. 'zod' itself hangs every validator on its classes as a method: one import of it puts some
// 70 KB (and its locales) back into each bundle, so the build refuses it.
const zodMiniOnly = {
  name: 'zod-mini-only',
  setup(b) {
    b.onResolve({ filter: /^zod(\/v4)?$/ }, (args) => ({
      errors: [{ text: `${args.importer} imports "${args.path}": import * as z from 'zod/mini' instead (see src/core/config.ts)` }],
    }));
  },
};

// The Markdown parser (unified, remark-parse, micromark: a quarter of the code) serves .md drafts
// only. In the CLI and the desktop extension it is a bundle of its own, dist/markdown.js, required
// the first time a Markdown draft is parsed, so that linting .txt drafts and activating the extension
// never load it: src/ imports unified and remark-parse from a stand-in that does the require. (The web
// extension host can load nothing but its one bundle, which keeps the parser inside.)
const deferMarkdown = (format) => ({
  name: 'defer-markdown',
  setup(b) {
    b.onResolve({ filter: /^(unified|remark-parse)$/ }, (args) =>
      args.importer.includes(`${path.sep}src${path.sep}`) ? { path: args.path, namespace: 'deferred-markdown' } : undefined,
    );
    b.onResolve({ filter: /^\.\/markdown\.js$/, namespace: 'deferred-markdown' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'deferred-markdown' }, (args) => ({
      // In the ES module CLI, a require() of its own, relative to the file the stand-in is in.
      contents:
        (format === 'esm' ? "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n" : '') +
        "let parser;\nconst load = () => (parser ??= require('./markdown.js'));\n" +
        (args.path === 'unified'
          ? 'export function unified() { return load().unified(); }'
          : 'export default function remarkParse(...args) { return load().remarkParse.apply(this, args); }'),
    }));
  },
});
const markdownParser = build({
  stdin: { contents: "export { unified } from 'unified'; export { default as remarkParse } from 'remark-parse';", resolveDir: '.', sourcefile: 'markdown-parser.js' },
  outfile: 'dist/markdown.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});

// The CLI's dynamic import()s (the .docx reader and writer, the glob matcher) become chunks of their own,
// loaded only by the runs that need them. Their names change with their content: once the new
// ones are written, the old ones go (afterwards, so that a CLI already running keeps its chunks
// meanwhile).
const cli = build({
  entryPoints: { cli: 'src/cli/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // CommonJS dependencies inside an ES bundle still call require() for Node built-ins.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
  plugins: [zodMiniOnly, deferMarkdown('esm')],
}).then(({ metafile }) => {
  // The stand-in requires dist/markdown.js from the file it is in: that must be dist/cli.mjs, not a chunk.
  const standIn = Object.entries(metafile.outputs).find(([, o]) => Object.keys(o.inputs).some((i) => i.startsWith('deferred-markdown:')));
  if (standIn && path.resolve(standIn[0]) !== path.resolve('dist/cli.mjs')) throw new Error(`build: the Markdown stand-in landed in ${standIn[0]}, not dist/cli.mjs`);
  const written = new Set(Object.keys(metafile.outputs).map((f) => path.resolve(f)));
  for (const f of readdirSync('dist/chunks')) {
    const file = path.resolve('dist/chunks', f);
    if (!written.has(file)) rmSync(file, { force: true });
  }
});

// Modules the extension loads on first use rather than at activation (the Word export and its
// library): on the desktop each is a bundle of its own next to extension.js, and its import()
// becomes a require() of that file. The web extension host can load nothing but its one bundle,
// so there the import fails with a message (and the command is hidden with `!isWeb`), except for
// the modules that work in a Web Worker: those the browser bundle keeps inside (the .docx reader).
const LAZY = { './export': 'src/extension/export.ts', './docxread': 'src/extension/docxread.ts' };
const WEB_INLINE = new Set(['./docxread']);
const lazyModules = (web) => ({
  name: 'lazy-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\/\w+$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !(args.path in LAZY) || !args.importer.includes(`src${path.sep}extension`)) return undefined;
      if (web && WEB_INLINE.has(args.path)) return undefined;
      return web ? { path: args.path, namespace: 'not-in-browser' } : { path: `${args.path}.js`, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: 'not-in-browser' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${LAZY[args.path]} is not part of the browser bundle`)});`,
    }));
  },
});

const extension = {
  entryPoints: ['src/extension/extension.ts'],
  bundle: true,
  format: 'cjs',
  external: ['vscode'],
  minify: true,
  // Chinese as UTF-8 rather than \uXXXX escapes: 3 bytes a character instead of 6, 14% less to load.
  charset: 'utf8',
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [zodMiniOnly],
};

// VS Code 1.82's extension host runs Node 18.
const node = build({
  ...extension,
  outfile: 'dist/extension.js',
  platform: 'node',
  target: 'node18',
  plugins: [...extension.plugins, deferMarkdown('cjs'), lazyModules(false)],
  // import() of a lazy module becomes require(), which resolves next to this bundle and lets VS Code
  // hand the module `vscode`.
  supported: { 'dynamic-import': false },
});
const lazy = Object.entries(LAZY).map(([specifier, entry]) =>
  build({ ...extension, entryPoints: [entry], outfile: `dist/${specifier.slice(2)}.js`, platform: 'node', target: 'node18' }),
);

const web = build({
  ...extension,
  outfile: 'dist/web/extension.js',
  platform: 'browser',
  // The web extension host is a Web Worker: no DOM. `worker` picks packages' DOM-free builds
  // (decode-named-character-reference's browser build would call document.createElement).
  conditions: ['worker'],
  target: 'es2020',
  // A web extension host has no Node built-ins: fail the build rather than ship a bundle that breaks there.
  supported: { 'dynamic-import': false },
  plugins: [
    zodMiniOnly,
    lazyModules(true),
    {
      name: 'no-node-builtins',
      setup(b) {
        b.onResolve({ filter: /^(node:|fs$|path$|os$|child_process$|crypto$|util$|url$|process$)/ }, (args) => ({
          errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer} cannot run in the browser bundle` }],
        }));
      },
    },
  ],
});

await Promise.all([cli, node, web, markdownParser, ...lazy]);
