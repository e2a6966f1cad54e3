// Bundles the CLI into one file so that it starts fast and needs no node_modules at run time, and
// the VS Code extension twice: for the desktop extension host (Node) and for the browser
// (vscode.dev, code-server's web worker host). `vscode` is provided by the host.
import { build } from 'esbuild';
import path from 'node:path';

const cli = build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'dist/cli.mjs',
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
});

// zod re-exports the error messages of 40-odd languages through its `z` namespace; the extension
// only ever formats its own Chinese messages, so its bundles keep English, zod's default, alone.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) => {
      const file = path.resolve(args.resolveDir, args.path);
      return file.includes(`${path.sep}zod${path.sep}`) ? { path: file, namespace: 'zod-locales' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

const extension = {
  entryPoints: ['src/extension/extension.ts'],
  bundle: true,
  format: 'cjs',
  external: ['vscode'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [zodEnglishOnly],
};

// VS Code 1.82's extension host runs Node 18.
const node = build({ ...extension, outfile: 'dist/extension.js', platform: 'node', target: 'node18' });

const web = build({
  ...extension,
  outfile: 'dist/web/extension.js',
  platform: 'browser',
  // The web extension host is a Web Worker: no DOM. `worker` picks packages' DOM-free builds
  // (decode-named-character-reference's browser build would call document.createElement).
  conditions: ['worker'],
  target: 'es2020',
  // A web extension host has no Node built-ins: fail the build rather than ship a bundle that breaks there.
  plugins: [
    zodEnglishOnly,
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

await Promise.all([cli, node, web]);
