/**
 * A strict reader for block-style YAML: the YAML `kubectl get -o yaml` and FlowLens's backend write
 * (block mappings and sequences, plain and quoted scalars, `{}` and `[]`, comments, `---`). It keeps
 * the line range of every node, so a rule can be cut out of a policy's own text without rewriting the
 * rest. Anything else YAML allows (anchors, tags, block scalars, flow collections with content,
 * multi-line scalars) is reported with its line, never guessed at: the panel must not edit YAML it
 * cannot read exactly. Values follow YAML 1.2's core schema, as the `yaml` package reads them.
 */
export type YamlScalar = null | boolean | number | string;

export interface YamlRange {
  /** 0-based index of the node's first line in the text. */
  start: number;
  /** Index after its last line (comment and blank lines after it are not included). */
  end: number;
}

export type YamlNode =
  | ({ type: 'scalar'; value: YamlScalar } & YamlRange)
  | ({ type: 'map'; entries: YamlEntry[] } & YamlRange)
  | ({ type: 'seq'; items: YamlNode[] } & YamlRange);

export interface YamlEntry {
  key: string;
  /** The line the key is on and its indentation, to rewrite `key:` when its value changes. */
  keyLine: number;
  keyIndent: number;
  /** The key exactly as written (quoted or not). */
  keySource: string;
  value: YamlNode;
}

export interface YamlDocument {
  root: YamlNode;
  /** Lines of the document, `---` and `...` markers excluded. */
  range: YamlRange;
}

export class YamlReadError extends Error {
  constructor(
    readonly line: number,
    reason: string
  ) {
    super(`line ${line + 1}: ${reason}`);
  }
}

interface Line {
  /** Index in the text; virtual lines (the rest of a `- ` line) keep their line's index. */
  index: number;
  indent: number;
  /** Content without indentation and comment. */
  text: string;
}

const documentStart = /^---(\s|$)/;
const documentEnd = /^\.\.\.(\s|$)/;

/** Splits off a comment: `#` at the start or after whitespace, outside quotes. */
function withoutComment(text: string, index: number): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) {
        // '' inside single quotes is an escaped quote, not the end.
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      } else if (char === '\\' && quote === '"') {
        i++;
      }
    } else if (char === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return text.slice(0, i).trimEnd();
    } else if ((char === '"' || char === "'") && startsScalar(text, i)) {
      quote = char;
    }
  }
  if (quote) {
    throw new YamlReadError(index, 'a quoted text does not end on its line (multi-line quoted texts are not read)');
  }
  return text.trimEnd();
}

/**
 * A quote opens a quoted scalar only where a scalar starts: at the line's start, or after `: ` or the
 * `- ` of list items; elsewhere (`-'`, `it's`) it is part of a plain scalar.
 */
function startsScalar(text: string, i: number): boolean {
  const before = text.slice(0, i);
  const trimmed = before.trimEnd();
  if (trimmed === '') return true;
  return trimmed !== before && (trimmed.endsWith(':') || /^(-\s+)*-$/.test(trimmed));
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

function significantLines(lines: string[], range: YamlRange): Line[] {
  const result: Line[] = [];
  for (let index = range.start; index < range.end; index++) {
    const raw = lines[index]!;
    const indent = raw.length - raw.trimStart().length;
    if (raw.slice(0, indent).includes('\t')) {
      throw new YamlReadError(index, 'indentation with a tab (YAML indents with spaces)');
    }
    const text = withoutComment(raw.slice(indent), index);
    if (text !== '') {
      result.push({ index, indent, text });
    }
  }
  return result;
}

const nullWords = new Set(['', '~', 'null', 'Null', 'NULL']);
const trueWords = new Set(['true', 'True', 'TRUE']);
const falseWords = new Set(['false', 'False', 'FALSE']);
const decimal = /^[-+]?[0-9]+$/;
const octal = /^0o[0-7]+$/;
const hex = /^0x[0-9a-fA-F]+$/;
const float = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const infinity = /^[-+]?\.(inf|Inf|INF)$/;
const notANumber = /^\.(nan|NaN|NAN)$/;

/** A plain scalar's value under the core schema. */
function plainValue(text: string): YamlScalar {
  if (nullWords.has(text)) return null;
  if (trueWords.has(text)) return true;
  if (falseWords.has(text)) return false;
  if (decimal.test(text)) return Number(text);
  if (octal.test(text)) return parseInt(text.slice(2), 8);
  if (hex.test(text)) return parseInt(text.slice(2), 16);
  if (float.test(text)) return Number(text);
  if (infinity.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  if (notANumber.test(text)) return NaN;
  return text;
}

const escapes: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const hexEscapeLength: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A quoted scalar at the start of `text`: its value and the text after the closing quote. */
function quoted(text: string, line: number): { value: string; rest: string } {
  const quote = text[0]!;
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const char = text[i]!;
    if (quote === "'") {
      if (char === "'") {
        if (text[i + 1] === "'") {
          value += "'";
          i++;
          continue;
        }
        return { value, rest: text.slice(i + 1) };
      }
      value += char;
      continue;
    }
    if (char === '"') {
      return { value, rest: text.slice(i + 1) };
    }
    if (char !== '\\') {
      value += char;
      continue;
    }
    const code = text[i + 1] ?? '';
    const length = hexEscapeLength[code];
    if (length) {
      const digits = text.slice(i + 2, i + 2 + length);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== length) {
        throw new YamlReadError(line, `the escape \\${code}${digits} is not ${length} hex digits`);
      }
      value += String.fromCodePoint(parseInt(digits, 16));
      i += 1 + length;
    } else if (code in escapes) {
      value += escapes[code];
      i++;
    } else {
      throw new YamlReadError(line, `unknown escape \\${code} in a double-quoted text`);
    }
  }
  throw new YamlReadError(line, 'a quoted text does not end on its line (multi-line quoted texts are not read)');
}

const unsupportedStart: Record<string, string> = {
  '&': 'anchors (&) are not read',
  '*': 'aliases (*) are not read',
  '!': 'tags (!) are not read',
  '|': 'block scalars (|) are not read',
  '>': 'block scalars (>) are not read',
  '%': 'directives (%) are not read',
  '@': '@ cannot start a plain value',
  '`': '` cannot start a plain value',
  ',': ', cannot start a plain value',
  ']': '] cannot start a plain value',
  '}': '} cannot start a plain value',
};

/** A scalar, `{}` or `[]` written after a key or dash, on one line. */
function inlineValue(text: string, line: number): YamlScalar | 'emptyMap' | 'emptySeq' {
  if (text === '{}') return 'emptyMap';
  if (text === '[]') return 'emptySeq';
  const first = text[0]!;
  if (first === '"' || first === "'") {
    const { value, rest } = quoted(text, line);
    if (rest.trim() !== '') {
      throw new YamlReadError(line, `unexpected text after a quoted value: ${rest.trim()}`);
    }
    return value;
  }
  if (first === '{' || first === '[') {
    throw new YamlReadError(line, 'flow collections ({…} or […]) with content are not read; write them in block style');
  }
  const unsupported = unsupportedStart[first];
  if (unsupported) {
    throw new YamlReadError(line, unsupported);
  }
  if (/^\?(\s|$)/.test(text)) {
    throw new YamlReadError(line, 'complex keys (?) are not read');
  }
  if (/^-(\s|$)/.test(text)) {
    throw new YamlReadError(line, 'a list cannot start on the line of its key');
  }
  if (/:(\s|$)/.test(text)) {
    throw new YamlReadError(line, `a value holds ": " (quote it): ${text}`);
  }
  return plainValue(text);
}

/** `key: rest` at the start of a line: the key, its source text and what follows the colon. */
function keyOf(text: string, line: number): { key: string; source: string; rest: string } | undefined {
  if (text[0] === '"' || text[0] === "'") {
    const { value, rest } = quoted(text, line);
    const match = /^\s*:(\s+|$)/.exec(rest);
    if (!match) return undefined;
    return { key: value, source: text.slice(0, text.length - rest.length), rest: rest.slice(match[0].length) };
  }
  // Text starting like a flow collection, anchor or tag is no plain key: inlineValue says why.
  if (unsupportedStart[text[0]!] || text[0] === '{' || text[0] === '[' || /^[-?](\s|$)/.test(text)) {
    return undefined;
  }
  const match = /^([^\s#][^]*?)\s*:(\s+|$)/.exec(text);
  if (!match) return undefined;
  return { key: match[1]!, source: match[1]!, rest: text.slice(match[0].length) };
}

const isDash = (text: string) => text === '-' || text.startsWith('- ');

class BlockReader {
  private position = 0;

  constructor(private readonly lines: Line[]) {}

  peek(): Line | undefined {
    return this.lines[this.position];
  }

  done(): boolean {
    return this.position >= this.lines.length;
  }

  /** Reads the node whose first line is the next one, at exactly that line's indentation. */
  node(): YamlNode {
    const line = this.peek()!;
    if (isDash(line.text)) return this.sequence(line.indent);
    if (keyOf(line.text, line.index)) return this.mapping(line.indent);
    this.position++;
    const next = this.peek();
    if (next && next.indent > line.indent) {
      throw new YamlReadError(next.index, 'a value continues on the next line (multi-line values are not read)');
    }
    return this.scalarNode(line.text, line.index);
  }

  private scalarNode(text: string, index: number): YamlNode {
    const value = inlineValue(text, index);
    const range = { start: index, end: index + 1 };
    if (value === 'emptyMap') return { type: 'map', entries: [], ...range };
    if (value === 'emptySeq') return { type: 'seq', items: [], ...range };
    return { type: 'scalar', value, ...range };
  }

  private sequence(indent: number): YamlNode {
    const items: YamlNode[] = [];
    const start = this.peek()!.index;
    while (!this.done()) {
      const line = this.peek()!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlReadError(line.index, 'unexpected indentation in a list');
      if (!isDash(line.text)) {
        // A list that is a mapping's value may sit at the key's indentation; the next key ends it.
        if (keyOf(line.text, line.index)) break;
        throw new YamlReadError(line.index, `expected "- " to continue the list, found: ${line.text}`);
      }
      const rest = line.text.slice(1).trimStart();
      if (rest === '') {
        this.position++;
        const next = this.peek();
        items.push(
          next && next.indent > indent
            ? this.node()
            : { type: 'scalar', value: null, start: line.index, end: line.index + 1 }
        );
      } else {
        // The rest of "- key: value" is a node of its own, indented where its text starts.
        const column = line.indent + (line.text.length - rest.length);
        this.lines[this.position] = { index: line.index, indent: column, text: rest };
        const item = this.node();
        items.push({ ...item, start: line.index });
      }
    }
    return { type: 'seq', items, start, end: this.lastEnd() };
  }

  private mapping(indent: number): YamlNode {
    const entries: YamlEntry[] = [];
    const start = this.peek()!.index;
    const seen = new Set<string>();
    while (!this.done()) {
      const line = this.peek()!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new YamlReadError(line.index, 'unexpected indentation in a mapping');
      const key = keyOf(line.text, line.index);
      if (!key) {
        if (isDash(line.text)) break;
        throw new YamlReadError(line.index, `expected "key: value", found: ${line.text}`);
      }
      if (seen.has(key.key)) throw new YamlReadError(line.index, `the key ${key.key} appears twice`);
      seen.add(key.key);
      this.position++;
      let value: YamlNode;
      if (key.rest !== '') {
        value = this.scalarNode(key.rest, line.index);
        const next = this.peek();
        if (next && next.indent > indent) {
          throw new YamlReadError(next.index, 'a value continues on the next line (multi-line values are not read)');
        }
      } else {
        const next = this.peek();
        if (next && (next.indent > indent || (next.indent === indent && isDash(next.text)))) {
          value = this.node();
        } else {
          value = { type: 'scalar', value: null, start: line.index, end: line.index + 1 };
        }
      }
      entries.push({ key: key.key, keyLine: line.index, keyIndent: indent, keySource: key.source, value });
    }
    return { type: 'map', entries, start, end: this.lastEnd() };
  }

  private lastEnd(): number {
    return this.lines[this.position - 1]!.index + 1;
  }
}

/** The documents of a YAML text, each with its node tree; throws YamlReadError with the line. */
export function readYamlDocuments(text: string): YamlDocument[] {
  const lines = splitLines(text);
  const documents: YamlDocument[] = [];
  let start = 0;
  const flush = (end: number) => {
    const significant = significantLines(lines, { start, end });
    if (significant.length > 0) {
      const reader = new BlockReader(significant);
      const root = reader.node();
      if (!reader.done()) {
        const extra = reader.peek()!;
        throw new YamlReadError(extra.index, `unexpected text after the document: ${extra.text}`);
      }
      documents.push({ root, range: { start, end } });
    }
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (documentStart.test(line) || documentEnd.test(line)) {
      if (withoutComment(line.slice(3), index).trim() !== '') {
        throw new YamlReadError(index, 'content on a document marker line is not read');
      }
      flush(index);
      start = index + 1;
    }
  }
  flush(lines.length);
  return documents;
}

/** The plain JavaScript value of a node, as `yaml`'s `toJSON()` gives it. */
export function toValue(node: YamlNode): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map(toValue);
  const object: Record<string, unknown> = {};
  for (const entry of node.entries) {
    object[entry.key] = toValue(entry.value);
  }
  return object;
}

/** A mapping's entry by key. */
export function entryOf(node: YamlNode | undefined, key: string): YamlEntry | undefined {
  return node?.type === 'map' ? node.entries.find((entry) => entry.key === key) : undefined;
}
