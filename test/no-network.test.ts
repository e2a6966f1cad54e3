import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(__dirname, '../dist');
const MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'child_process'];
const MODULE_USE = new RegExp(
  `(?:require\\(\\s*|from\\s*|import\\(\\s*|import\\s+)["'\`](?:node:)?(${MODULES.join('|')})(?:/[^"'\`]*)?["'\`]`,
  'g',
);
const GLOBALS = /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\s*\(|\bnew\s+(XMLHttpRequest|WebSocket|EventSource)\b/g;

/** Every use of a network module or a network global in bundled JavaScript. */
export function networkUses(code: string): string[] {
  return [...code.matchAll(MODULE_USE)].map((m) => m[1]!).concat([...code.matchAll(GLOBALS)].map((m) => m[1] ?? m[2]!));
}

function bundles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const full = path.join(dir, n);
    return statSync(full).isDirectory() ? bundles(full) : /\.(m?js|cjs)$/.test(n) ? [full] : [];
  });
}

describe('no network, ever', () => {
  it('the scanner finds every form of network use it is meant to', () => {
    expect(networkUses('const h=require("https")')).toEqual(['https']);
    expect(networkUses('import{request}from"node:http"')).toEqual(['http']);
    expect(networkUses("import('node:net')")).toEqual(['net']);
    expect(networkUses('require("child_process").spawn')).toEqual(['child_process']);
    expect(networkUses('await fetch(url)')).toEqual(['fetch']);
    expect(networkUses('x=new WebSocket(u)')).toEqual(['WebSocket']);
    expect(networkUses('new XMLHttpRequest')).toEqual(['XMLHttpRequest']);
    expect(networkUses('import{readFile}from"node:fs";const prefetch=1;')).toEqual([]);
  });

  it('the built bundles (dist/) use no network module and no network global', () => {
    const files = bundles(DIST);
    expect(files.length, 'run `npm run build` first').toBeGreaterThan(0);
    const found = files.flatMap((f) => networkUses(readFileSync(f, 'utf8')).map((u) => `${path.relative(DIST, f)}: ${u}`));
    expect(found).toEqual([]);
  });
});
