/**
 * Browser APIs @grafana/ui uses that jsdom lacks; import first in component tests. matchMedia is read
 * while @grafana/ui loads, tooltips measure themselves with ResizeObserver, menus watch their edges
 * with IntersectionObserver, and Combobox sizes its menu with canvas measureText (jsdom has no canvas)
 * and renders only the options that fit its measured (in jsdom: zero) height.
 */
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (typeof globalThis.ResizeObserver !== 'function') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

if (typeof globalThis.IntersectionObserver !== 'function') {
  globalThis.IntersectionObserver = class {
    readonly root = null;
    readonly rootMargin = '';
    readonly thresholds = [];
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  };
}

// A fixed-width font is enough for Combobox to size its menu.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return { font: '', measureText: (text: string) => ({ width: text.length * 7 }) };
} as unknown as HTMLCanvasElement['getContext'];

// Every element has a roomy client box, so virtualised lists (Combobox's) render their options.
for (const dimension of ['clientWidth', 'clientHeight'] as const) {
  Object.defineProperty(HTMLElement.prototype, dimension, { configurable: true, get: () => 600 });
}

export {};
