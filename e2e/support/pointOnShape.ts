/**
 * Pointing at an SVG shape where the user can: the middle of a shape's box is often not on the shape
 * (a chord arc is a thin ring segment; a ribbon curves), and other shapes may lie on top. This finds a
 * point where the shape itself is what the pointer would hit.
 */
import type { Locator, Page } from '@playwright/test';

export async function pointOn(shape: Locator): Promise<{ x: number; y: number }> {
  const point = await shape.evaluate((element) => {
    const box = element.getBoundingClientRect();
    for (let y = Math.ceil(box.top); y < box.bottom; y += 2) {
      for (let x = Math.ceil(box.left); x < box.right; x += 2) {
        if (document.elementFromPoint(x, y) === element) {
          return { x, y };
        }
      }
    }
    return undefined;
  });
  if (!point) {
    throw new Error(`No point of ${String(shape)} is under the pointer: it is hidden or covered`);
  }
  return point;
}

export async function hoverShape(page: Page, shape: Locator): Promise<void> {
  const { x, y } = await pointOn(shape);
  await page.mouse.move(x, y);
}

export async function clickShape(page: Page, shape: Locator): Promise<void> {
  const { x, y } = await pointOn(shape);
  await page.mouse.click(x, y);
}
