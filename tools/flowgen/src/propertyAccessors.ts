// Functions over a fixed list of a record's properties, compiled once from that list.
//
// Why compiled: V8 reads `record.sourceIP` through an inline cache when the name is fixed where it is
// read, but a loop over 50 column names reads `record[name]` at one site with 50 names, which takes its
// slow keyed path every time. On flowlens-ingest's hot path (every accepted line: map the JSON to a
// record, read its numbers, find its route) the loops cost 4–15× the compiled forms and a fifth of the
// service's time. The lists are our own column lists, and every name is checked to be an identifier
// before it is put in code, so nothing from outside ever becomes code.

const identifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function checked(names: readonly string[]): readonly string[] {
  if (names.length === 0) throw new Error('a property accessor needs at least one property name');
  for (const name of names) {
    if (!identifier.test(name)) throw new Error(`"${name}" is not an identifier: no accessor is compiled for it`);
  }
  return names;
}

function compile<F>(parameters: readonly string[], body: string): F {
  return new Function(...parameters, body) as F;
}

/** `(source, into)`: writes `source[names[i]]` to `into[i]` for each i. */
export function compileValuesReader<Into extends { [index: number]: unknown }>(
  names: readonly string[]
): (source: object, into: Into) => void {
  const body = checked(names)
    .map((name, index) => `into[${index}] = source.${name};`)
    .join('\n');
  return compile(['source', 'into'], body);
}

/**
 * `(values)`: a new object with `names[i]` set to `values[i]`, built as one object literal so every
 * object it returns shares one shape (and later reads of it stay on the fast path).
 */
export function compileObjectBuilder<T extends object>(names: readonly string[]): (values: ArrayLike<unknown>) => T {
  const body = `return {\n${checked(names)
    .map((name, index) => `  ${name}: values[${index}],`)
    .join('\n')}\n};`;
  return compile(['values'], body);
}

/** `(source)`: a copy of the named properties, in the order given: every copy shares one shape. */
export function compilePick<T extends object>(names: readonly string[]): (source: object) => T {
  const body = `return {\n${checked(names)
    .map((name) => `  ${name}: source.${name},`)
    .join('\n')}\n};`;
  return compile(['source'], body);
}

/** `(a, b)`: whether a and b hold the same values (===) in every named property. */
export function compileEquality(names: readonly string[]): (a: object, b: object) => boolean {
  const body = `return ${checked(names)
    .map((name) => `a.${name} === b.${name}`)
    .join(' &&\n  ')};`;
  return compile(['a', 'b'], body);
}
