/**
 * Whether a panel keeps inside its box: Grafana clips nothing for a panel, so anything drawn past
 * width × height spills over the next panel or the dashboard's edge.
 */
import type { Locator } from '@playwright/test';

/** Shapes and texts of the panel (and its HTML), described, that are drawn outside its content area. */
export async function drawnOutside(panel: Locator, selector = 'rect, text, path, div, button'): Promise<string[]> {
  return panel.getByTestId('panel-content').evaluate((content, shapes) => {
    const box = content.getBoundingClientRect();
    const slack = 1; // anti-aliasing and rounding
    const outside: string[] = [];
    for (const element of content.querySelectorAll(shapes)) {
      const rect = element.getBoundingClientRect();
      const hidden = rect.width === 0 && rect.height === 0;
      if (hidden || getComputedStyle(element).visibility === 'hidden') {
        continue;
      }
      if (
        rect.left < box.left - slack ||
        rect.top < box.top - slack ||
        rect.right > box.right + slack ||
        rect.bottom > box.bottom + slack
      ) {
        const text = (element.textContent ?? '').trim().slice(0, 40);
        outside.push(
          `<${element.tagName.toLowerCase()}>${text} at ${Math.round(rect.left - box.left)},${Math.round(rect.top - box.top)} ` +
            `${Math.round(rect.width)}×${Math.round(rect.height)} in ${Math.round(box.width)}×${Math.round(box.height)}`
        );
      }
    }
    return outside;
  }, selector);
}

/**
 * Elements of the panel that show scroll bars: content larger than a box that scrolls. One allowance:
 * Grafana 11's legend box (CustomScrollbar's `scrollbar-view`, whose native scroll bars are hidden) holds
 * the chord's list legend 4 px wider than itself (1204 in 1200), with no scroll bar shown; more still counts.
 */
export async function scrollingElements(panel: Locator): Promise<string[]> {
  return panel.getByTestId('panel-content').evaluate((content) =>
    [content, ...content.querySelectorAll('*')]
      .filter((element): element is HTMLElement => element instanceof HTMLElement)
      .filter((element) => {
        const style = getComputedStyle(element);
        const allowedX = element.classList.contains('scrollbar-view') ? 4 : 1;
        const scrollsX = /auto|scroll/.test(style.overflowX) && element.scrollWidth > element.clientWidth + allowedX;
        const scrollsY = /auto|scroll/.test(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
        return scrollsX || scrollsY;
      })
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.className}">`)
  );
}
