// Browser APIs @grafana/ui uses that jsdom lacks: matchMedia (at import time, via uPlot) and
// ResizeObserver (tooltips, legends). Import this module before @grafana/ui in DOM tests.
// jsdom lays nothing out, so observed elements report one line of legend: 200 × 24 px.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (typeof window.ResizeObserver !== 'function') {
  window.ResizeObserver = class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      const contentRect = { x: 0, y: 0, top: 0, left: 0, width: 200, height: 24, right: 200, bottom: 24 };
      const entry = { target, contentRect: { ...contentRect, toJSON: () => contentRect } } as ResizeObserverEntry;
      this.callback([entry], this);
    }
    unobserve() {}
    disconnect() {}
  };
}

export {};
