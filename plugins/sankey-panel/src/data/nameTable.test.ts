import { describe, expect, it } from 'vitest';
import { NameTable } from './nameTable';
import { PathTrie } from './pathTrie';

describe('NameTable', () => {
  it.each([
    ['the same name, the same id', ['web', 'db', 'web'], '(empty)', [0, 1, 0], ['web', 'db']],
    [
      'empty, blank and null share the empty label',
      ['', '  ', null, undefined],
      'external',
      [0, 0, 0, 0],
      ['external'],
    ],
    ['skipping empty names gives −1', ['', 'web', null], null, [-1, 0, -1], ['web']],
    ['numbers and booleans become their text', [53, '53', true], '(empty)', [0, 0, 1], ['53', 'true']],
  ])('%s', (_name, raws, emptyLabel, ids, names) => {
    const table = new NameTable(emptyLabel);
    expect(raws.map((raw) => table.idOfRaw(raw))).toEqual(ids);
    expect(table.names).toEqual(names);
  });
});

describe('PathTrie', () => {
  it('finds a path again by its ids, skipped columns included', () => {
    const trie = new PathTrie();
    expect(trie.indexOf([0, 1, 2])).toEqual({ index: 0, added: true });
    expect(trie.indexOf([0, -1, 2])).toEqual({ index: 1, added: true });
    expect(trie.indexOf([0, 1, 2])).toEqual({ index: 0, added: false });
    expect(trie.indexOf([0, -1, 2])).toEqual({ index: 1, added: false });
    expect(trie.size).toBe(2);
  });
});
