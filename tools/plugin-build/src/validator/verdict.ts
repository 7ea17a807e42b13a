import type { AnalyzerDiagnostic } from './validateZip.ts';

/** A validator error we accept for one plugin, because its README explains it to users. */
export interface Allowance {
  pluginId: string;
  analyzer: string;
  /** The rule's id, as the validator names it. */
  rule: string;
  why: string;
}

export const allowances: readonly Allowance[] = [
  {
    pluginId: 'flowlens-flows-datasource',
    analyzer: 'backendbinary',
    rule: 'backend-binary-not-linux-amd64',
    why:
      'the backend is a Node.js single executable application; the validator recognises backend executables ' +
      'only by Go build information (plugins/flows-datasource/README.md, "Install")',
  },
];

export interface Verdict {
  errors: AnalyzerDiagnostic[];
  allowed: Array<AnalyzerDiagnostic & { why: string }>;
  warnings: AnalyzerDiagnostic[];
  recommendations: AnalyzerDiagnostic[];
  /** Allowances for this plugin that matched nothing: the reason for them may be gone. */
  unusedAllowances: Allowance[];
}

export function judge(pluginId: string, diagnostics: AnalyzerDiagnostic[], allowList = allowances): Verdict {
  const mine = allowList.filter((allowance) => allowance.pluginId === pluginId);
  const allowanceFor = (found: AnalyzerDiagnostic) =>
    mine.find((allowance) => allowance.analyzer === found.analyzer && allowance.rule === found.Name);
  const verdict: Verdict = { errors: [], allowed: [], warnings: [], recommendations: [], unusedAllowances: [] };
  for (const found of diagnostics) {
    const allowance = allowanceFor(found);
    if (found.Severity === 'error') {
      if (allowance) {
        verdict.allowed.push({ ...found, why: allowance.why });
      } else {
        verdict.errors.push(found);
      }
    } else if (found.Severity === 'warning' || found.Severity === 'suspected') {
      verdict.warnings.push(found);
    } else if (found.Severity === 'recommendation') {
      verdict.recommendations.push(found);
    }
  }
  verdict.unusedAllowances = mine.filter(
    (allowance) => !verdict.allowed.some((found) => allowanceFor(found) === allowance)
  );
  return verdict;
}
