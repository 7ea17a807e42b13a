// jsdom lays nothing out; the chord's legend sizes itself with ResizeObserver, so observed elements
// report one line of legend: 200 × 24 px. Replaces the silent observer of vitest.dom-setup.ts; import
// this module before @grafana/ui in the chord's DOM tests.
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

export {};
