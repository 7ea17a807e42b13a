import type { Renderer } from '../types';

/**
 * Past this many links (or nodes), "auto" draws on canvas: below it SVG elements are cheap and
 * crisp; above it creating and styling them dominates the time to first render.
 */
export const canvasThreshold = 1000;

export function chooseRenderer(option: Renderer, links: number, nodes: number): 'svg' | 'canvas' {
  if (option !== 'auto') {
    return option;
  }
  return links > canvasThreshold || nodes > canvasThreshold ? 'canvas' : 'svg';
}
