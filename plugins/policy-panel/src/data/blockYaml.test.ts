import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { readYamlDocuments, toValue, YamlReadError } from './blockYaml';
import { backendPolicyYaml } from '../test/backendFrames';

const values = (text: string) => readYamlDocuments(text).map((document) => toValue(document.root));

describe('readYamlDocuments', () => {
  test.each<[string, string, unknown]>([
    ['a mapping of scalars', 'a: 1\nb: text\nc: true\nd: ~\ne: 1.5', { a: 1, b: 'text', c: true, d: null, e: 1.5 }],
    [
      'nested mappings',
      'spec:\n  podSelector:\n    matchLabels:\n      app: api',
      { spec: { podSelector: { matchLabels: { app: 'api' } } } },
    ],
    [
      'an indented list of mappings',
      'ports:\n  - protocol: TCP\n    port: 80\n  - port: 53',
      { ports: [{ protocol: 'TCP', port: 80 }, { port: 53 }] },
    ],
    [
      'a list at its key’s indentation (kubectl)',
      'ports:\n- port: 80\n- port: 53\nname: x',
      { ports: [{ port: 80 }, { port: 53 }], name: 'x' },
    ],
    ['empty flow collections', 'podSelector: {}\ningress: []', { podSelector: {}, ingress: [] }],
    ['quoted keys and values', "\"a b\": 'it''s'\n'c': \"tab\\tand \\u00e9\"", { 'a b': "it's", c: 'tab\tand é' }],
    ['numbers as texts when quoted', 'port: "80"\nhex: 0x1F\noctal: 0o17', { port: '80', hex: 31, octal: 15 }],
    [
      'comments and blank lines',
      '# head\na: 1 # one\n\n  # indented comment\nb: "#not a comment"',
      { a: 1, b: '#not a comment' },
    ],
    ['nested lists', 'a:\n  - - 1\n    - 2\n  - - 3', { a: [[1, 2], [3]] }],
    ['a dash alone', 'a:\n  -\n    b: 1\n  -', { a: [{ b: 1 }, null] }],
    ['a key with no value', 'a:\nb: 1', { a: null, b: 1 }],
    [
      "quotes inside plain texts (fast-check's find)",
      "- \"\":\n    -': []\n- it's: a'b",
      [{ '': { "-'": [] } }, { "it's": "a'b" }],
    ],
    ['URLs and colons inside values', 'url: http://x:8080/y\ntime: 12:30', { url: 'http://x:8080/y', time: '12:30' }],
  ])('%s', (_name, text, expected) => {
    expect(values(text)).toEqual([expected]);
    expect(values(text)).toEqual([parse(text)]);
  });

  test('documents separated by --- keep their line ranges', () => {
    const documents = readYamlDocuments('a: 1\n---\nb: 2\nc: 3\n---\n# only a comment\n');
    expect(documents.map((document) => toValue(document.root))).toEqual([{ a: 1 }, { b: 2, c: 3 }]);
    expect(documents.map((document) => document.range)).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 4 },
    ]);
  });

  test('list items know their lines', () => {
    const [document] = readYamlDocuments('rules:\n  - from: a\n    port: 1\n  - from: b\nname: x\n');
    const rules = document!.root.type === 'map' ? document!.root.entries[0]!.value : undefined;
    expect(rules?.type === 'seq' && rules.items.map(({ start, end }) => [start, end])).toEqual([
      [1, 3],
      [3, 4],
    ]);
  });

  test.each<[string, string, string]>([
    ['an anchor', 'a: &x 1', 'line 1: anchors (&) are not read'],
    ['an alias', 'a: 1\nb: *x', 'line 2: aliases (*) are not read'],
    ['a tag', 'a: !!str 1', 'line 1: tags (!) are not read'],
    ['a block scalar', 'a: |\n  text', 'line 1: block scalars (|) are not read'],
    [
      'a flow mapping',
      'a: {b: 1}',
      'line 1: flow collections ({…} or […]) with content are not read; write them in block style',
    ],
    [
      'a multi-line value',
      'a: one\n  two',
      'line 2: a value continues on the next line (multi-line values are not read)',
    ],
    ['bad indentation', 'a:\n    b: 1\n  c: 2', 'line 3: unexpected indentation in a mapping'],
    ['a tab', 'a:\n\tb: 1', 'line 2: indentation with a tab (YAML indents with spaces)'],
    ['a duplicate key', 'a: 1\na: 2', 'line 2: the key a appears twice'],
    [
      'an open quote',
      'a: "text',
      'line 1: a quoted text does not end on its line (multi-line quoted texts are not read)',
    ],
    ['a list on its key’s line', 'a: - 1', 'line 1: a list cannot start on the line of its key'],
    ['": " in a value', 'a: b: c', 'line 1: a value holds ": " (quote it): b: c'],
    ['plain text mixed into a mapping', 'a: 1\njust text', 'line 2: expected "key: value", found: just text'],
  ])('%s is reported with its line', (_name, text, message) => {
    expect(() => readYamlDocuments(text)).toThrow(new YamlReadError(0, '').constructor);
    expect(() => readYamlDocuments(text)).toThrow(message);
  });

  test("reads every policy of the backend's answer as the yaml package does", () => {
    const texts = backendPolicyYaml();
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      expect(values(text)).toEqual(parseAllDocuments(text).map((document) => document.toJSON()));
    }
  });
});

/** JSON-like values with the awkward parts YAML must quote: keys and texts with colons, quotes, #, spaces. */
const awkwardText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    'true',
    'null',
    '~',
    '80',
    '0x1F',
    '1e3',
    '.inf',
    '- x',
    'a: b',
    '#x',
    "it's",
    '"q"',
    ' pad ',
    '',
    '@x',
    '{}',
    '[]',
    '-1',
    '0o7',
    '.5',
    'yes',
    'é ü'
  )
);
const scalar = fc.oneof(
  awkwardText,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null)
);
const { value: yamlValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  map: fc.dictionary(
    awkwardText.filter((key) => key !== '__proto__'),
    tie('value'),
    { maxKeys: 4 }
  ),
}));

describe('agrees with the yaml package', () => {
  test('on any block YAML the yaml package writes (no multi-line texts): reads it, and reads it the same', () => {
    const singleLine = yamlValue.filter(
      (value) => !JSON.stringify(value).includes('\\n') && !JSON.stringify(value).includes('\\r')
    );
    fc.assert(
      fc.property(singleLine, fc.boolean(), (value, indentSeq) => {
        const text = stringify({ root: value }, { lineWidth: 0, indentSeq });
        expect(values(text)).toEqual([parse(text)]);
      }),
      { numRuns: 400 }
    );
  });

  test('never reads anything differently: what it cannot read exactly, it reports', () => {
    fc.assert(
      fc.property(yamlValue, fc.constantFrom(0, 20, 80), (value, lineWidth) => {
        const text = stringify(value, { lineWidth });
        let read: unknown[];
        try {
          read = values(text);
        } catch (error) {
          expect(error).toBeInstanceOf(YamlReadError);
          return;
        }
        expect(read).toEqual(parseAllDocuments(text).map((document) => document.toJSON()));
      }),
      { numRuns: 400 }
    );
  });
});
