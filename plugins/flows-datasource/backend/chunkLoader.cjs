// The single executable's entry point. Node runs only CommonJS here and loads only built-in modules,
// so the bundle's chunks (CommonJS function bodies made by build.ts, shipped as assets) are run by
// this loader: main.js at start, the others when code first imports them. Unpacked (a plain
// `node .build/chunks/chunkLoader.cjs`), the chunks are read from the files beside it.
/* global require, Buffer, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a single executable's entry is CommonJS */
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { isBuiltin } = require('node:module');
const { join } = require('node:path');
const vm = require('node:vm');
const sea = require('node:sea');

const packed = sea.isSea();
const loaded = new Map();
// Set by build.ts on an unpacked start: each chunk's V8 code cache is written there at exit.
const codeCacheDir = packed ? undefined : process.env.FLOWLENS_WRITE_CODE_CACHE;

function chunkRequire(id) {
  if (id.startsWith('./')) {
    return loadChunk(id.slice(2));
  }
  // Packed, Node serves built-in modules only; unpacked, the chunks must not find node_modules either.
  if (!isBuiltin(id)) {
    const error = new Error(`Cannot find module '${id}': the plugin bundle does not include it`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return require(id);
}

/**
 * V8's code cache of a chunk, made by build.ts from a start of this very Node (host architecture
 * only): with it the chunks that a start runs need not be parsed and compiled again.
 */
function codeCache(name) {
  try {
    return Buffer.from(sea.getAsset(`${name}.cache`));
  } catch (error) {
    if (error.code === 'ERR_SINGLE_EXECUTABLE_APPLICATION_ASSET_NOT_FOUND') {
      return undefined;
    }
    throw error;
  }
}

function loadChunk(name) {
  const cached = loaded.get(name);
  if (cached) {
    return cached.module.exports;
  }
  const filename = join(__dirname, name);
  const source = packed ? sea.getAsset(name, 'utf8') : readFileSync(filename, 'utf8');
  // A function expression run as a script, as Node's CommonJS wrapper: a Script can make its code
  // cache after running, so the cache holds the functions the start compiled, not only the top level.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename,
    cachedData: packed ? codeCache(name) : undefined,
  });
  const module = { exports: {} };
  loaded.set(name, { module, script });
  script.runInThisContext().call(module.exports, module.exports, chunkRequire, module, filename, __dirname);
  return module.exports;
}

if (codeCacheDir) {
  process.on('exit', () => {
    for (const [name, { script }] of loaded) {
      writeFileSync(join(codeCacheDir, `${name}.cache`), script.createCachedData());
    }
  });
}

loadChunk('main.js');
