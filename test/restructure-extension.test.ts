import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as vscode from './fakes/vscode';
import { activate, type DangjianApi } from '../src/extension/extension';
import { CONTINUE_NUMBERING_COMMAND, TRIGGER_CHARACTERS } from '../src/extension/numbering';
import { COUNT_WORDS_COMMAND, FROM_OUTLINE, OUTLINE_MIME, SECTION_COMMANDS } from '../src/extension/restructure';
import type { TreeNodePlan } from '../src/core/sections';

/**
 * The issue-8 drafting tools in the in-memory host: section commands from the cursor, the outline
 * tree's context menu and its keyboard, drag and drop in the tree, numbering completion, Enter
 * continuing the numbering, and the word count by section. (test/integration/suite/restructure.test.ts
 * runs the same in a real VS Code.)
 */

const ROOT = path.resolve(__dirname, '..');
const { host } = vscode;
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const DRAFT = [
  '某单位2025年度工作总结',
  '一、主要做法',
  '（一）强化理论武装',
  '全年组织集中学习十二次，开展专题研讨四次。',
  '（二）夯实基层基础',
  '规范组织生活，按期完成支部换届。',
  '（三）改进工作作风',
  '深入基层调研，解决群众反映的实际问题。',
  '二、存在的问题',
  '学习的系统性还不够强。',
  '三、下一步打算',
  '持续巩固学习成果。',
].join('\n');

const settle = (ms = 30): Promise<void> => new Promise((r) => setTimeout(r, ms));
const headings = (text: string): string[] => text.split('\n').filter((l) => /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/.test(l));

let api: DangjianApi;
let context: { subscriptions: { dispose(): void }[] };

async function start(): Promise<void> {
  const state = new Map<string, unknown>();
  context = {
    subscriptions: [],
    extensionUri: vscode.Uri.file('/ext'),
    workspaceState: { get: (k: string, d?: unknown) => state.get(k) ?? d, update: async (k: string, v: unknown) => void state.set(k, v) },
  } as never;
  api = await activate(context as never);
}

/** The draft open in the active editor, linted, with the cursor at the start of `at`. */
async function openDraft(at?: string, text = DRAFT): Promise<vscode.FakeTextDocument> {
  await start();
  const doc = host.open('/w/总结.dj.txt', 'dangjian', text);
  host.show(doc);
  await settle();
  if (at !== undefined) cursorAt(doc, at);
  return doc;
}

function cursorAt(doc: vscode.FakeTextDocument, at: string, delta = 0): void {
  const i = doc.getText().indexOf(at);
  expect(i, at).toBeGreaterThanOrEqual(0);
  const p = doc.positionAt(i + delta);
  host.activeEditor!.selection = new vscode.Selection(p, p);
}

const selected = (doc: vscode.FakeTextDocument): string => doc.getText(host.activeEditor!.selection);
const node = (label: string): TreeNodePlan => {
  const walk = (ns: readonly TreeNodePlan[]): TreeNodePlan | undefined => ns.map((n) => (n.label === label ? n : walk(n.children))).find(Boolean);
  const n = walk(api.outline.getChildren());
  expect(n, label).toBeDefined();
  return n!;
};

beforeEach(() => {
  host.reset();
  host.settings['dangjian.debounceMs'] = 10;
  vscode.env.language = 'zh-cn';
});

afterEach(() => {
  for (const d of context?.subscriptions ?? []) d.dispose();
});

describe('section commands on the heading under the cursor', () => {
  it('move a section up and down among its siblings, renumbered, as one edit, selecting the moved heading', async () => {
    const doc = await openDraft('规范组织生活');
    await vscode.commands.executeCommand(SECTION_COMMANDS.moveUp);
    expect(doc.version).toBe(2);
    expect(headings(doc.getText()).slice(1, 4)).toEqual(['（一）夯实基层基础', '（二）强化理论武装', '（三）改进工作作风']);
    expect(selected(doc)).toContain('夯实基层基础');
    expect(doc.getText()).toContain('（一）夯实基层基础\n规范组织生活，按期完成支部换届。\n（二）强化理论武装\n全年组织集中学习');

    // The cursor is on the moved heading: moving down again restores the text.
    await vscode.commands.executeCommand(SECTION_COMMANDS.moveDown);
    expect(doc.getText()).toBe(DRAFT);
    expect(doc.version).toBe(3);
  });

  it('refuse with a message and change nothing: moving the first sibling up, outside any section, not a draft', async () => {
    const doc = await openDraft('（一）强化理论武装');
    expect(await vscode.commands.executeCommand(SECTION_COMMANDS.moveUp)).toBe(false);
    expect(doc.getText()).toBe(DRAFT);
    expect(doc.version).toBe(1);
    expect(host.messages).toHaveLength(1);
    expect(host.messages[0]).toBeTruthy();

    cursorAt(doc, '某单位');
    expect(await vscode.commands.executeCommand(SECTION_COMMANDS.delete)).toBe(false);
    expect(host.messages.at(-1)).toBe('光标不在带序号的标题或其下的正文中。');
    expect(doc.version).toBe(1);

    const note = host.open('/w/笔记.txt', 'plaintext', '随手记\n买菜。');
    host.show(note);
    await settle();
    expect(await vscode.commands.executeCommand(SECTION_COMMANDS.promote)).toBe(false);
    expect(host.messages.at(-1)).toBe('当前编辑器中不是党建文稿。');
  });

  it('demote a section under its previous sibling and promote it back', async () => {
    const doc = await openDraft('（二）夯实基层基础');
    await vscode.commands.executeCommand(SECTION_COMMANDS.demote);
    expect(doc.version).toBe(2);
    const demoted = doc.getText();
    expect(headings(demoted).slice(1, 4)).toEqual(['（一）强化理论武装', '1.夯实基层基础', '（二）改进工作作风']);
    expect(selected(doc)).toContain('夯实基层基础');
    await vscode.commands.executeCommand(SECTION_COMMANDS.promote);
    expect(doc.getText()).toBe(DRAFT);
  });

  it('delete a section and renumber what follows, saying it can be undone', async () => {
    const doc = await openDraft('（一）强化理论武装', DRAFT);
    cursorAt(doc, '规范组织生活');
    await vscode.commands.executeCommand(SECTION_COMMANDS.delete);
    expect(doc.version).toBe(2);
    expect(doc.getText()).not.toContain('夯实基层基础');
    expect(doc.getText()).not.toContain('规范组织生活');
    expect(headings(doc.getText()).slice(1, 3)).toEqual(['（一）强化理论武装', '（二）改进工作作风']);
    expect(host.statusMessages).toEqual(['已删除“（二）夯实基层基础”，可撤销。']);
  });

  it('insert a sibling after the section, its placeholder heading selected to type over', async () => {
    const doc = await openDraft('二、存在的问题');
    await vscode.commands.executeCommand(SECTION_COMMANDS.insertAfter);
    expect(doc.version).toBe(2);
    const hs = headings(doc.getText());
    expect(hs.slice(0, 1).concat(hs.slice(4))).toEqual(['一、主要做法', '二、存在的问题', expect.stringMatching(/^三、/), '四、下一步打算']);
    const inserted = hs[5]!;
    expect(selected(doc).length).toBeGreaterThan(0);
    expect(inserted).toContain(selected(doc));
  });

  it('work on the current text when the draft changed since the last lint', async () => {
    const doc = await openDraft();
    // A new section typed at the end, not linted yet.
    const end = doc.positionAt(DRAFT.length);
    host.edit(doc, [new vscode.TextEdit(new vscode.Range(end, end), '\n四、工作体会\n体会很深。')]);
    cursorAt(doc, '四、工作体会');
    await vscode.commands.executeCommand(SECTION_COMMANDS.moveUp);
    expect(headings(doc.getText()).slice(-2)).toEqual(['三、工作体会', '四、下一步打算']);
  });
});

describe('the outline tree', () => {
  it('offers in a section’s context menu only what the section allows, and nothing for inline items', async () => {
    await openDraft();
    const first = api.outline.getTreeItem(node('（一）强化理论武装')).contextValue!;
    const middle = api.outline.getTreeItem(node('（二）夯实基层基础')).contextValue!;
    const top = api.outline.getTreeItem(node('一、主要做法')).contextValue!;
    expect(first).toMatch(/^section\b/);
    expect(first).not.toMatch(/\bop:moveUp\b/);
    expect(first).toMatch(/\bop:moveDown\b/);
    expect(first).not.toMatch(/\bop:demote\b/);
    expect(middle).toMatch(/\bop:moveUp\b.*/);
    expect(middle).toMatch(/\bop:demote\b/);
    expect(top).not.toMatch(/\bop:promote\b/);
    for (const op of ['moveUp', 'moveDown', 'promote', 'demote', 'delete', 'insertAfter']) {
      const entry = manifest.contributes.menus['view/item/context'].find((m: { command: string }) => m.command === `dangjian.section.${op}`);
      expect(entry.when).toContain(`op:${op}`);
      const test = new RegExp(/viewItem =~ \/(.*)\/$/.exec(entry.when)![1]!);
      expect(test.test(middle) || test.test(first) || test.test(top), op).toBe(true);
      expect(test.test('inline'), op).toBe(false);
    }
  });

  it('runs a context-menu command on the node it was given, and a tree keybinding on the selected node', async () => {
    const doc = await openDraft('持续巩固');
    await vscode.commands.executeCommand(SECTION_COMMANDS.moveDown, node('（一）强化理论武装'));
    expect(headings(doc.getText()).slice(1, 4)).toEqual(['（一）夯实基层基础', '（二）强化理论武装', '（三）改进工作作风']);
    await settle();
    host.treeViews[0].selection = [node('三、下一步打算')];
    await vscode.commands.executeCommand(SECTION_COMMANDS.moveUp, FROM_OUTLINE);
    expect(headings(doc.getText()).slice(-2)).toEqual(['二、下一步打算', '三、存在的问题']);
    // The keybindings in the tree pass that argument.
    const inTree = manifest.contributes.keybindings.filter((k: { when: string }) => k.when === 'focusedView == dangjian.outline');
    expect(inTree.length).toBeGreaterThan(0);
    for (const k of inTree) expect(k.args).toBe(FROM_OUTLINE);
  });

  it('drags a section and drops it before another or into it, as one edit; only sections drag', async () => {
    const doc = await openDraft();
    const controller = host.treeViews[0].dragAndDropController;
    expect(controller).toBe(api.restructure);
    expect(controller.dropMimeTypes).toEqual([OUTLINE_MIME]);

    const inlineOnly = new vscode.DataTransfer();
    controller.handleDrag([{ ...node('（一）强化理论武装'), kind: 'inline' }], inlineOnly);
    expect(inlineOnly.get(OUTLINE_MIME)).toBeUndefined();

    const dt = new vscode.DataTransfer();
    controller.handleDrag([node('（三）改进工作作风')], dt);
    await controller.handleDrop(node('（一）强化理论武装'), dt);
    expect(doc.version).toBe(2);
    expect(headings(doc.getText()).slice(1, 4)).toEqual(['（一）改进工作作风', '（二）强化理论武装', '（三）夯实基层基础']);
  });
});

describe('numbering completion and Enter', () => {
  it('registers for the served languages with the marker trigger characters', async () => {
    await start();
    const entry = host.providers.completion[0];
    expect(entry.selector.map((s: { language: string }) => s.language)).toEqual(['dangjian', 'markdown', 'plaintext']);
    expect(entry.triggerCharacters).toEqual(TRIGGER_CHARACTERS);
    expect(TRIGGER_CHARACTERS).toEqual(expect.arrayContaining(['（', '(', '1', '三']));
    host.setSetting('dangjian.languages', ['markdown']);
    expect(host.providers.completion).toHaveLength(1);
    expect(host.providers.completion[0].selector.map((s: { language: string }) => s.language)).toEqual(['dangjian', 'markdown']);
  });

  it('offers the next marker of the run at the start of a new paragraph, replacing what was typed of it', async () => {
    const doc = await openDraft();
    // A new line after （三）'s paragraph, with （ typed.
    const at = DRAFT.indexOf('二、存在的问题');
    host.edit(doc, [new vscode.TextEdit(new vscode.Range(doc.positionAt(at), doc.positionAt(at)), '（\n')]);
    const provider = host.providers.completion[0].provider;
    const items: vscode.CompletionItem[] = provider.provideCompletionItems(doc, doc.positionAt(at + 1));
    expect(items.map((i) => i.label)).toContain('（四）');
    const four = items.find((i) => i.label === '（四）')!;
    expect(doc.getText(four.range)).toBe('（');
    expect(four.detail).toBeTruthy();
  });

  it('offers 三是 for a 三 typed after 二是 in the same paragraph', async () => {
    const doc = await openDraft();
    const at = DRAFT.indexOf('学习的系统性还不够强。') + '学习的系统性还不够强。'.length;
    host.edit(doc, [new vscode.TextEdit(new vscode.Range(doc.positionAt(at), doc.positionAt(at)), '一是调研不深。二是落实不够。三')]);
    const end = doc.positionAt(doc.getText().indexOf('不够。三') + 4);
    const items: vscode.CompletionItem[] = host.providers.completion[0].provider.provideCompletionItems(doc, end);
    expect(items.map((i) => i.label)).toEqual(['三是']);
    expect(doc.getText(items[0]!.range)).toBe('三');
  });

  it('Enter at the end of a heading just written starts the next sibling; elsewhere it is a plain newline', async () => {
    const doc = await openDraft(undefined, DRAFT + '\n四、工作体会');
    cursorAt(doc, '四、工作体会', '四、工作体会'.length);
    await vscode.commands.executeCommand(CONTINUE_NUMBERING_COMMAND);
    expect(host.executed.filter((e) => e.command === 'type').at(-1)!.args).toEqual([{ text: '\n五、' }]);
    expect(doc.getText()).toBe(DRAFT + '\n四、工作体会\n五、');
    expect(host.activeEditor!.selection.active).toEqual(doc.positionAt(doc.getText().length));

    // A heading with text under it already: the line break alone.
    cursorAt(doc, '（三）改进工作作风', '（三）改进工作作风'.length);
    await vscode.commands.executeCommand(CONTINUE_NUMBERING_COMMAND);
    expect(host.executed.filter((e) => e.command === 'type').at(-1)!.args).toEqual([{ text: '\n' }]);
    cursorAt(doc, '学习的系统性', 2);
    await vscode.commands.executeCommand(CONTINUE_NUMBERING_COMMAND);
    expect(host.executed.filter((e) => e.command === 'type').at(-1)!.args).toEqual([{ text: '\n' }]);
    expect(doc.getText()).toContain('学习\n的系统性');
  });

  it('binds Enter only where the setting is on, in a draft editor with no suggestion showing', () => {
    const enter = manifest.contributes.keybindings.find((k: { command: string }) => k.command === CONTINUE_NUMBERING_COMMAND);
    expect(enter.key).toBe('enter');
    for (const term of ['config.dangjian.continueNumberingOnEnter', 'editorTextFocus', '!suggestWidgetVisible', '!inlineSuggestionVisible', 'dangjian.activeEditorIsDraft']) {
      expect(enter.when.split(' && ')).toContain(term);
    }
    const setting = manifest.contributes.configuration.flatMap((c: { properties: object }) => Object.entries(c.properties)).find(([k]: [string]) => k === 'dangjian.continueNumberingOnEnter')[1];
    expect(setting.default).toBe(false);
  });
});

describe('word count', () => {
  it('lists the whole draft and each top-level section; picking one goes to its heading', async () => {
    const doc = await openDraft('持续巩固');
    type Item = { label: string; description?: string; detail?: string };
    let shown: Item[] = [];
    host.quickPick = (items) => {
      shown = items;
      return items.find((i: Item) => i.label === '二、存在的问题');
    };
    await vscode.commands.executeCommand(COUNT_WORDS_COMMAND);
    expect(shown.map((i) => i.label)).toEqual(['全文', '一、主要做法', '二、存在的问题', '三、下一步打算']);
    const total = Number(/^(\d+)字$/.exec(shown[0]!.description!)![1]);
    const parts = shown.slice(1).map((i) => Number(/^(\d+)字/.exec(i.description!)![1]));
    expect(parts.every((n) => n > 0)).toBe(true);
    expect(parts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total);
    expect(shown[2]!.detail).toBe('第 9 行');
    expect(selected(doc)).toBe('二、存在的问题');
  });
});
