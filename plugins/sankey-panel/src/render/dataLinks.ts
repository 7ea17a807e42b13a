import { type LinkModel, locationUtil } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import type { RowOrigin } from '../data/types';

/**
 * The data links configured on the field behind a node (its column field) or a link (the value
 * field), interpolated for the row it came from: `${__value.raw}` is the node's name and
 * `${__data.fields.sourcePodName}` that row's pod.
 */
export function dataLinksFor(origin: RowOrigin | undefined): LinkModel[] {
  if (!origin?.field.getLinks || !origin.field.config.links?.length) {
    return [];
  }
  try {
    return origin.field.getLinks({ valueRowIndex: origin.row });
  } catch {
    // A link template that cannot be interpolated must not take the panel down with it.
    return [];
  }
}

/** Grafana 11.6 added "one click" links; older LinkModels have no such flag. */
export function isOneClick(link: LinkModel): boolean {
  return (link as LinkModel & { oneClick?: boolean }).oneClick === true;
}

/** The link a click follows without asking: the one marked "one click", or the only one. */
export function directLink(links: LinkModel[]): LinkModel | undefined {
  return links.find(isOneClick) ?? (links.length === 1 ? links[0] : undefined);
}

function isInsideGrafana(href: string): boolean {
  try {
    return new URL(href, window.location.href).origin === window.location.origin;
  } catch {
    return false;
  }
}

/** Follows a link as Grafana's own link buttons do: in-app links through Grafana's router. */
export function followLink(link: LinkModel, event: { preventDefault(): void }): void {
  if (link.onClick) {
    link.onClick(event);
    return;
  }
  if (link.target === '_blank') {
    window.open(link.href, '_blank', 'noopener,noreferrer');
    return;
  }
  if (isInsideGrafana(link.href)) {
    locationService.push(locationUtil.stripBaseFromUrl(link.href));
    return;
  }
  window.location.assign(link.href);
}
