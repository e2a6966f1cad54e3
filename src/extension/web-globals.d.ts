/**
 * The few globals the extension and the core use that both Node and browsers have. The extension
 * is type-checked without Node's or the DOM's typings (tsconfig.extension.json), so that nothing
 * Node-only slips into the browser bundle.
 */
declare function setTimeout(handler: () => void, ms?: number): WebTimer;
declare function clearTimeout(handle: WebTimer | undefined): void;
interface WebTimer {
  readonly __webTimer?: never;
}

interface TextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: TextDecoderOptions);
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const console: {
  log(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
};
