/**
 * Writing one panel as a PNG, shared by the screenshot scripts. A hovered panel's tooltip lives in
 * Grafana's portal container, outside the panel's box, so then the page area of the panel is taken.
 */
import type { PanelHostPage } from '../host/hostPage.ts';

export async function writePanelShot(host: PanelHostPage, path: string, hover?: () => Promise<void>): Promise<void> {
  const panel = host.panel();
  if (!hover) {
    await panel.screenshot({ path });
    return;
  }
  await hover();
  await host.page.locator('[data-testid$="-tooltip"]').waitFor();
  const box = (await panel.boundingBox())!;
  await host.page.screenshot({ path, clip: { x: box.x, y: box.y, width: box.width, height: box.height } });
  await host.page.mouse.move(0, 0);
}
