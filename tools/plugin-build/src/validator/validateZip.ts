import { dependencyOnlyAnalyzers, inapplicableAnalyzers, networkAnalyzers, validatorAnalyzers } from './analyzers.ts';
import { runPlugincheck, type PlugincheckRun, type ValidatorDiagnostic } from './runPlugincheck.ts';

export interface AnalyzerDiagnostic extends ValidatorDiagnostic {
  analyzer: string;
}

export interface ZipValidation {
  id: string;
  version: string;
  /** In the validator's analyzer order. */
  diagnostics: AnalyzerDiagnostic[];
}

const networkHelp =
  'If it needs the network, add it to networkAnalyzers in tools/plugin-build/src/validator/analyzers.ts';

/**
 * The analyzers of a run that finished. Without network the validator stops at the first analyzer that
 * needs it; since it starts an analyzer before that one's dependencies, and networkAnalyzers lists every
 * analyzer that needs the network directly or through a dependency, the first of them to start is the one
 * whose turn failed, and everything started before it finished.
 */
export function finishedAnalyzers(run: PlugincheckRun): string[] {
  if (!run.failure) {
    return run.started;
  }
  const failedTurn = run.started.findIndex((analyzer) => analyzer in networkAnalyzers);
  if (failedTurn < 0) {
    throw new Error(
      `the plugin validator stopped at an analyzer that should work offline: ${run.failure}\n${networkHelp}`
    );
  }
  return run.started.slice(0, failedTurn);
}

function checkKnown(run: PlugincheckRun): void {
  const known = new Set([...validatorAnalyzers, ...dependencyOnlyAnalyzers]);
  const unknown = run.started.filter((analyzer) => !known.has(analyzer));
  if (unknown.length > 0) {
    throw new Error(
      `the plugin validator runs analyzers this check does not know: ${unknown.join(', ')}. ` +
        'Add them to tools/plugin-build/src/validator/analyzers.ts'
    );
  }
}

/**
 * Every analyzer that can judge the archive offline, with its findings: one full run, then one run for each
 * analyzer that neither it nor an earlier single run finished (the validator has no switch to skip the
 * analyzers that need the network, and stops at the first of them).
 */
export async function validateZip(validator: string, zip: string): Promise<ZipValidation> {
  const findings = new Map<string, ValidatorDiagnostic[]>();
  const take = (run: PlugincheckRun, finished: string[]) => {
    checkKnown(run);
    // An analyzer's findings come from the first run that finished it; later runs repeat them.
    finished
      .filter((analyzer) => !findings.has(analyzer))
      .forEach((analyzer) => findings.set(analyzer, run.diagnostics[analyzer] ?? []));
  };

  const full = await runPlugincheck(validator, zip);
  // "archive" also carries the validator's own verdict on the archive's layout.
  take(full, [...new Set(['archive', ...finishedAnalyzers(full)])]);

  // Later analyzers mostly require earlier ones, so starting from the end lets one run finish several.
  const queue = validatorAnalyzers
    .filter((analyzer) => !(analyzer in networkAnalyzers) && !(analyzer in inapplicableAnalyzers))
    .reverse();
  const lane = async () => {
    for (let analyzer = queue.shift(); analyzer; analyzer = queue.shift()) {
      if (findings.has(analyzer)) {
        continue;
      }
      const run = await runPlugincheck(validator, zip, analyzer);
      if (!run.started.includes(analyzer)) {
        throw new Error(`the plugin validator has no analyzer "${analyzer}" (it ran: ${run.started.join(', ')})`);
      }
      if (run.failure) {
        throw new Error(`analyzer ${analyzer} could not run offline: ${run.failure}\n${networkHelp}`);
      }
      take(run, run.started);
    }
  };
  // Two runs at a time: each unpacks the whole archive, and the build machines have two cores.
  await Promise.all([lane(), lane()]);

  const diagnostics = validatorAnalyzers.flatMap((analyzer) =>
    (findings.get(analyzer) ?? []).map((found) => ({ ...found, analyzer }))
  );
  return { id: full.id, version: full.version, diagnostics };
}
