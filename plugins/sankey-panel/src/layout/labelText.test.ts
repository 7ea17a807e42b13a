import { describe, expect, it } from 'vitest';
import { fitLabel } from './labelText';
import { estimateTextWidth } from './textWidth';

describe('fitLabel (12 px font, about 7 px a character)', () => {
  it.each([
    ['short names stay whole', 'frontend', 200, 'frontend', false],
    ['long names lose their middle', 'checkout-api-7d9f8b6c5-xk2lp', 100, 'checkout…xk2lp', true],
    ['ns/svc:port keeps the port', 'kube-system/kube-dns:dns-tcp', 120, 'kube-syste…ns-tcp', true],
    ['no room at all: no label', 'frontend', 20, '', true],
  ])('%s', (_name, text, width, expected, truncated) => {
    expect(fitLabel(text, width, 12, estimateTextWidth)).toEqual({ text: expected, truncated });
  });
});
