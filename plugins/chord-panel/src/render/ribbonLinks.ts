import { type LinkModel, locationUtil } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { type FlowFields } from '../data/fieldRoles';
import { type FlowRow, largestRow } from '../data/flowPairs';

/**
 * Data links of a ribbon: those configured on the value, source, target, colour and detail fields,
 * interpolated with the ribbon's largest row (so `${__data.fields.sourcePodName}` names a real pod), each
 * link once.
 */
export function ribbonLinks(rows: FlowRow[], frames: FlowFields[]): LinkModel[] {
  const row = largestRow(rows);
  const fields = row && frames[row.frame];
  if (!row || !fields) {
    return [];
  }
  const seen = new Set<string>();
  const links: LinkModel[] = [];
  for (const field of [fields.value, fields.source, fields.target, fields.color, ...fields.details]) {
    for (const link of field?.getLinks?.({ valueRowIndex: row.row }) ?? []) {
      const key = `${link.title}\u0000${link.href}`;
      if (!seen.has(key)) {
        seen.add(key);
        links.push(link);
      }
    }
  }
  return links;
}

/** A Grafana path once the sub-path Grafana may be served under is removed; other sites stay absolute. */
const inAppPath = (href: string) => {
  const path = locationUtil.stripBaseFromUrl(href);
  return path.startsWith('/') && !path.startsWith('//') ? path : undefined;
};

/**
 * Follows one link the way Grafana's own panels do: its click handler when it has one (Explore and
 * correlation links), a new tab when asked, in-app navigation for Grafana paths, the browser otherwise.
 */
export function followLink(link: LinkModel, event: { preventDefault(): void } & object): void {
  if (link.onClick) {
    link.onClick(event, link.origin);
    return;
  }
  if (link.target === '_blank') {
    window.open(link.href, '_blank', 'noopener,noreferrer');
    return;
  }
  const path = inAppPath(link.href);
  if (path) {
    locationService.push(path);
    return;
  }
  window.location.assign(link.href);
}
