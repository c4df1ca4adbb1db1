// Text from files (operator and task names, keys, file names) on its way to a terminal or a
// Markdown document. Shown raw, an ESC or OSC sequence retitles or clears the terminal, a CR or a
// newline fakes a line of our own, and a bidi override reorders what the reader sees. Every such
// character is shown as an escape instead: `\x1b`, `\x0d`, `\u202e`.

// C0 controls, DEL, C1 controls; the bidi embeddings, overrides and isolates; the line and
// paragraph separators, which some viewers break lines on.
// eslint-disable-next-line no-control-regex -- these are exactly the characters to neutralise
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

/** `text` with every control, bidi and line-separator character written as an escape. */
export function showControls(text: string): string {
  return text.replace(INVISIBLE, escapeOne);
}

/** Lines for a terminal: each one made safe, then joined; our own newlines are the only ones. */
export function terminalLines(lines: readonly string[]): string {
  return lines.map(showControls).join('\n') + '\n';
}

// JSON.stringify escapes C0 controls itself, not DEL, C1 or bidi characters.
const JSON_UNESCAPED = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text with the characters JSON.stringify leaves raw written as `\uXXXX` escapes. They can
 * only occur inside strings, where the escape means the same character: the data stays exact.
 */
export function terminalJson(json: string): string {
  return json.replace(JSON_UNESCAPED, (c) => `\\u${hex(c.charCodeAt(0), 4)}`);
}
