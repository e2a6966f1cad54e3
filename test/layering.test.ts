import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const FORBIDDEN = new Set(['vscode', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.[cm]?[jt]s$/.test(name) ? [full] : [];
  });
}

/** The imports in a source text that the pure core may not have. */
export function forbiddenImports(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1]!).filter((s) => FORBIDDEN.has(s) || s.startsWith('node:'));
}

describe('layering: src/core and src/rules stay pure TypeScript', () => {
  it('finds a forbidden import in every form the scanner knows', () => {
    expect(forbiddenImports(`import * as vscode from 'vscode';`)).toEqual(['vscode']);
    expect(forbiddenImports(`import { readFile } from "node:fs";`)).toEqual(['node:fs']);
    expect(forbiddenImports(`const p = require('path');`)).toEqual(['path']);
    expect(forbiddenImports(`const os = await import('os');`)).toEqual(['os']);
    expect(forbiddenImports(`import 'fs';`)).toEqual(['fs']);
    expect(forbiddenImports(`import { z } from 'zod';\nimport { x } from './fs';`)).toEqual([]);
  });

  for (const dir of ['src/core', 'src/rules']) {
    it(`${dir} imports neither vscode nor a Node built-in`, () => {
      const offenders = files(path.join(ROOT, dir)).flatMap((f) =>
        forbiddenImports(readFileSync(f, 'utf8')).map((s) => `${path.relative(ROOT, f)}: ${s}`),
      );
      expect(offenders).toEqual([]);
    });
  }
});
