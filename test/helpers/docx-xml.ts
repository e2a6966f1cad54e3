/**
 * Opens an exported .docx for the tests: unzips it (fflate, the zip library the export writes
 * with) and parses its XML parts with a real XML parser (saxes), so that assertions look at
 * elements and attributes rather than at how the export happens to order them.
 */
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  /** Text directly inside the element. */
  text: string;
}

export function parseXml(xml: string): El {
  const parser = new SaxesParser();
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  parser.on('opentag', (tag) => {
    const el: El = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1]!.children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => {
    stack[stack.length - 1]!.text += t;
  });
  parser.write(xml).close();
  return root.children[0]!;
}

/** Every descendant element named `name`, in document order. */
export function all(el: El, name: string): El[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

export function one(el: El, name: string): El {
  const found = all(el, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${el.name}>, found ${found.length}`);
  return found[0]!;
}

/** A direct child, if any. */
export function child(el: El, name: string): El | undefined {
  return el.children.find((c) => c.name === name);
}

/** The visible text of a paragraph: its w:t runs joined. */
export function textOf(p: El): string {
  return all(p, 'w:t')
    .map((t) => t.text)
    .join('');
}

export interface OpenedDocx {
  /** Every part, as text. */
  parts: Record<string, string>;
  xml(part: string): El;
  /** word/document.xml's body paragraphs. */
  paragraphs: El[];
}

export function openDocx(bytes: Uint8Array): OpenedDocx {
  const parts = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  const xml = (part: string): El => {
    const text = parts[part];
    if (text === undefined) throw new Error(`no part ${part} in the .docx (has ${Object.keys(parts).join(', ')})`);
    return parseXml(text);
  };
  const body = one(xml('word/document.xml'), 'w:body');
  return { parts, xml, paragraphs: body.children.filter((c) => c.name === 'w:p') };
}
