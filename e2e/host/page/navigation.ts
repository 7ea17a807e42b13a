/**
 * Records every way a panel can navigate, keeping the host page loaded: @grafana/runtime's
 * locationService (Grafana's real one, on the browser history: the address changes, the page stays),
 * clicks on links and window.open. Grafana turns a click on an internal link into locationService.push;
 * here the click is recorded as a `link` navigation instead and the page stays where it is.
 */
import { locationService } from '@grafana/runtime';
import { recordEvent } from './hostEvents.ts';

/** The parts of history 4's Location that make a URL. */
interface HistoryLocation {
  pathname: string;
  search: string;
  hash: string;
}

export function recordNavigation(): void {
  locationService.getHistory().listen((location: HistoryLocation, action: 'PUSH' | 'REPLACE' | 'POP') => {
    const url = `${location.pathname}${location.search}${location.hash}`;
    recordEvent({ type: 'navigation', via: 'locationService', url, action });
  });

  // Bubble phase: a panel that handles the click itself (preventDefault) keeps that job.
  document.addEventListener('click', (event) => {
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!anchor || event.defaultPrevented) {
      return;
    }
    event.preventDefault();
    recordEvent({
      type: 'navigation',
      via: 'link',
      url: anchor.getAttribute('href') ?? '',
      target: anchor.getAttribute('target') ?? undefined,
      slot: anchor.closest('[data-panel-slot]')?.getAttribute('data-panel-slot') ?? undefined,
    });
  });

  window.open = (url?: string | URL, target?: string) => {
    recordEvent({ type: 'navigation', via: 'window.open', url: String(url ?? ''), target });
    return null;
  };
}
