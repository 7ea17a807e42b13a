import { describe, expect, it } from 'vitest';
import { planLayout, relaxationBudget } from './layoutBudget';

/** `sources` pods each talking to every one of `targets` services. */
function bipartite(sources: number, targets: number) {
  const links = [];
  for (let s = 0; s < sources; s++) {
    for (let t = 0; t < targets; t++) {
      links.push({ source: s, target: sources + t, value: 1 });
    }
  }
  return { nodeCount: sources + targets, links };
}

/** 500 pods each talking to 10 of 500 services, no hub: 5,000 links. */
function spreadOut() {
  const links = [];
  for (let s = 0; s < 500; s++) {
    for (let k = 0; k < 10; k++) {
      links.push({ source: s, target: 500 + ((s + k * 50) % 500), value: 1 });
    }
  }
  return { nodeCount: 1000, links };
}

describe('planLayout', () => {
  it.each([
    ['top 50 links: full quality', 10, 5, 6, { iterations: 6, sortLinksWhileRelaxing: true }],
    ['no iterations asked', 10, 5, 0, { iterations: 0, sortLinksWhileRelaxing: true }],
    [
      '5,000 links through a hub: no link sorting, fewer passes',
      2500,
      2,
      6,
      { iterations: 0, sortLinksWhileRelaxing: false },
    ],
  ])('%s', (_name, sources, targets, iterations, plan) => {
    const { nodeCount, links } = bipartite(sources, targets);
    expect(planLayout(nodeCount, links, iterations)).toEqual(plan);
  });

  it('5,000 links spread out: no link sorting, all passes', () => {
    const { nodeCount, links } = spreadOut();
    expect(planLayout(nodeCount, links, 6)).toEqual({ iterations: 6, sortLinksWhileRelaxing: false });
  });

  it('never plans more relaxation work than the budget once sorting is off', () => {
    for (const [sources, targets] of [
      [100, 200],
      [2000, 10],
      [20, 20],
    ] as const) {
      const { nodeCount, links } = bipartite(sources, targets);
      const plan = planLayout(nodeCount, links, 32);
      if (!plan.sortLinksWhileRelaxing) {
        const cost = sources * targets * targets + targets * sources * sources;
        expect(plan.iterations * cost).toBeLessThanOrEqual(relaxationBudget);
      }
    }
  });
});
