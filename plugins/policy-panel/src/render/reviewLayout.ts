import { type ReviewLayout } from '../types';

/** Below this width, auto puts the YAML under the list: side by side, neither would be readable. */
export const sideBySideMinWidth = 700;

/** The smallest panel the review fits in; below it the panel says so instead of squeezing. */
export const minimumSize = { width: 260, height: 160 };

export function isSideBySide(layout: ReviewLayout, width: number): boolean {
  return layout === 'side' || (layout === 'auto' && width >= sideBySideMinWidth);
}
