/**
 * What the editors' Combobox needs beyond vitest.dom-setup.ts: it sizes its menu with canvas
 * measureText (jsdom has no canvas) and renders only the options that fit its measured (in jsdom:
 * zero) height. Import first in the datasource's component tests.
 */

// A fixed-width font is enough for Combobox to size its menu.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return { font: '', measureText: (text: string) => ({ width: text.length * 7 }) };
} as unknown as HTMLCanvasElement['getContext'];

// Every element has a roomy client box, so virtualised lists (Combobox's) render their options.
for (const dimension of ['clientWidth', 'clientHeight'] as const) {
  Object.defineProperty(HTMLElement.prototype, dimension, { configurable: true, get: () => 600 });
}

export {};
