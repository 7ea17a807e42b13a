import { inapplicableAnalyzers, networkAnalyzers } from './analyzers.ts';
import { closedLoopbackProxy } from './runPlugincheck.ts';
import type { AnalyzerDiagnostic } from './validateZip.ts';
import type { Verdict } from './verdict.ts';

const blockedRequest = `proxyconnect tcp: dial tcp ${new URL(closedLoopbackProxy).host}`;
const brokenLink = /possible broken link: (\S+) \(/;

/** A link check that failed only because this run has no network: expected, so listed apart and briefly. */
function unreachableOffline(found: AnalyzerDiagnostic): boolean {
  return found.analyzer === 'brokenlinks' && found.Name === 'broken-link' && found.Title.includes(blockedRequest);
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

function line(label: string, found: AnalyzerDiagnostic, why?: string): string {
  const context = found.Context ? `${found.Context}: ` : '';
  return `  ${label.padEnd(8)}${found.analyzer}/${found.Name}: ${context}${found.Title}${why ? ` (${why})` : ''}`;
}

/** What the validator said about one zip, errors first. */
export function formatVerdict(zipName: string, verdict: Verdict): string {
  const offline = verdict.warnings.filter(unreachableOffline);
  const heading =
    `${zipName}: ${count(verdict.errors.length, 'error')}, ${count(verdict.allowed.length, 'allowed error')}, ` +
    `${count(verdict.warnings.length, 'warning')} (${offline.length} of them links unreachable without network), ` +
    count(verdict.recommendations.length, 'recommendation');
  return [
    heading,
    ...verdict.errors.map((found) => line('ERROR', found)),
    ...verdict.allowed.map((found) => line('allowed', found, found.why)),
    ...verdict.warnings.filter((found) => !unreachableOffline(found)).map((found) => line('warning', found)),
    ...offline
      .map((found) => `  offline brokenlinks/broken-link: ${brokenLink.exec(found.Title)?.[1] ?? found.Title}`)
      .sort(),
    ...verdict.recommendations.map((found) => line('note', found)),
    ...verdict.unusedAllowances.map(
      (allowance) =>
        `  note    allowance for ${allowance.analyzer}/${allowance.rule} matched nothing: is it still needed?`
    ),
  ].join('\n');
}

/** The analyzers this offline check leaves to the catalog, and why. */
export function formatNotChecked(): string {
  const entries = Object.entries({ ...networkAnalyzers, ...inapplicableAnalyzers });
  return [
    'Not checked here (the catalog runs these):',
    ...entries.map(([analyzer, why]) => `  ${analyzer.padEnd(20)}${why}`),
  ].join('\n');
}
