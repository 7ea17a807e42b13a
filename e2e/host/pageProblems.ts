/**
 * Everything on the host page that should fail a test: console errors (React's warnings and failed
 * requests among them), uncaught page errors, a crashed tab, the page being left or reloaded, and
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

  constructor(page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const { url, lineNumber } = message.location();
        this.seen.push({ kind: 'console', message: `${message.text()}${url ? ` (${url}:${lineNumber})` : ''}` });
      }
    });
    page.on('pageerror', (error) => this.seen.push({ kind: 'pageerror', message: error.stack ?? error.message }));
    page.on('crash', () => this.seen.push({ kind: 'crash', message: 'The page crashed' }));
  }

  /** Problems whose message matches `pattern` no longer fail the test (e.g. a panel error it provokes). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  isAllowed(message: string): boolean {
    return this.allowed.some((pattern) => pattern.test(message));
  }

  /**
   * The problems so far less the allowed ones, with what only the page knows: the panel errors it
   * recorded, and whether it is still the document the test opened.
   */
  unexpected(page: { hostEvents: HostEvent[]; sameDocument: boolean; url: string }): PageProblem[] {
    const panelErrors: PageProblem[] = page.hostEvents.flatMap((event) =>
      event.type === 'panelError'
        ? [{ kind: 'panelError' as const, message: `Panel in slot "${event.slot}" threw: ${event.message}` }]
        : []
    );
    const leftPage: PageProblem[] = page.sameDocument
      ? []
      : [{ kind: 'navigation', message: `The host page was left or reloaded: now at ${page.url}` }];
    return [...this.seen, ...panelErrors, ...leftPage].filter((problem) => !this.isAllowed(problem.message));
  }
}

export function describeProblems(problems: PageProblem[]): string {
  return problems.map((problem) => `  ${problem.kind}: ${problem.message}`).join('\n');
}
