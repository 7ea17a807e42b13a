// The single executable's entry point. Node runs only CommonJS here and loads only built-in modules,
// so the bundle's chunks (CommonJS function bodies made by build.ts, shipped as assets) are run by
// this loader: main.js at start, the others when code first imports them. Unpacked (a plain
// `node .build/chunks/chunkLoader.cjs`), the chunks are read from the files beside it.
/* global require, __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- a single executable's entry is CommonJS */
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');
const sea = require('node:sea');

const packed = sea.isSea();
const loaded = new Map();

function chunkRequire(id) {
  if (id.startsWith('./')) {
    return loadChunk(id.slice(2));
  }
  return require(id);
}

function loadChunk(name) {
  const cached = loaded.get(name);
  if (cached) {
    return cached.exports;
  }
  const filename = join(__dirname, name);
  const source = packed ? sea.getAsset(name, 'utf8') : readFileSync(filename, 'utf8');
  const module = { exports: {} };
  loaded.set(name, module);
  const run = vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename });
  run.call(module.exports, module.exports, chunkRequire, module, filename, __dirname);
  return module.exports;
}

loadChunk('main.js');
