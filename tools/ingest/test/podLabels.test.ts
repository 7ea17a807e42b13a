import { describe, expect, it } from 'vitest';
import { labelsFromHubble } from '../src/formats/podLabels.ts';

describe('labelsFromHubble', () => {
  const reviews = [
    'k8s:app=reviews',
    'k8s:io.cilium.k8s.policy.cluster=default',
    'k8s:io.kubernetes.pod.namespace=bookinfo',
    'k8s:version=v1',
  ];

  it('answers a list seen before as it did the first time', () => {
    const first = labelsFromHubble([...reviews]);
    expect(first).toBe('{"app":"reviews","version":"v1"}');
    expect(labelsFromHubble([...reviews])).toBe(first);
  });

  it('is not fooled by a label holding a NUL into answering for another list', () => {
    // Joined on NUL, both lists read the same; the hostile one must not plant its answer.
    const hostile = ['k8s:app=a\u0000k8s:tier=web'];
    const honest = ['k8s:app=a', 'k8s:tier=web'];
    expect(labelsFromHubble(hostile)).toBe(JSON.stringify({ app: 'a\u0000k8s:tier=web' }));
    expect(labelsFromHubble(honest)).toBe('{"app":"a","tier":"web"}');
    expect(labelsFromHubble(hostile)).toBe(JSON.stringify({ app: 'a\u0000k8s:tier=web' }));
  });

  it('answers long lists and lists with non-strings without keeping them', () => {
    const long = [`k8s:note=${'x'.repeat(5000)}`];
    expect(JSON.parse(labelsFromHubble(long))).toEqual({ note: 'x'.repeat(5000) });
    expect(labelsFromHubble(['k8s:app=web', 7, null])).toBe('{"app":"web"}');
    expect(labelsFromHubble('k8s:app=web')).toBe('');
  });
});
