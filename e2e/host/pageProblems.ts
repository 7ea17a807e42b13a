/**
 * Everything on the host page that should fail a test: console errors (React's warnings and failed
 * requests among them), uncaught page errors, a crashed tab, the page being navigated away from, and
 * errors a panel threw (recorded by the page's error boundary). Tests may allow a problem by pattern.
 */
import type { Page } from '@playwright/test';
import type { HostEvent } from './panelSpec.ts';

export interface PageProblem {
  kind: 'console' | 'pageerror' | 'crash' | 'navigation' | 'panelError';
  message: string;
}

export class PageProblems {
  private readonly seen: PageProblem[] = [];
  private readonly allowed: RegExp[] = [];
  private loads = 0;

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const { url, lineNumber } = message.location();
        this.seen.push({ kind: 'console', message: `${message.text()}${url ? ` (${url}:${lineNumber})` : ''}` });
      }
    });
    page.on('pageerror', (error) => this.seen.push({ kind: 'pageerror', message: error.stack ?? error.message }));
    page.on('crash', () => this.seen.push({ kind: 'crash', message: 'The page crashed' }));
    // pushState (locationService) keeps the document; only leaving or reloading it loads a new one.
    page.on('load', () => {
      this.loads += 1;
      if (this.loads > 1) {
        this.seen.push({ kind: 'navigation', message: `The page left the host or reloaded: now at ${page.url()}` });
      }
    });
  }

  /** Problems whose message matches `pattern` no longer fail the test (e.g. a panel error it provokes). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  isAllowed(message: string): boolean {
    return this.allowed.some((pattern) => pattern.test(message));
  }

  /** The problems so far, the page's recorded panel errors included, less the allowed ones. */
  unexpected(hostEvents: HostEvent[] = []): PageProblem[] {
    const panelErrors: PageProblem[] = hostEvents.flatMap((event) =>
      event.type === 'panelError'
        ? [{ kind: 'panelError' as const, message: `Panel in slot "${event.slot}" threw: ${event.message}` }]
        : []
    );
    return [...this.seen, ...panelErrors].filter((problem) => !this.isAllowed(problem.message));
  }
}

export function describeProblems(problems: PageProblem[]): string {
  return problems.map((problem) => `  ${problem.kind}: ${problem.message}`).join('\n');
}
