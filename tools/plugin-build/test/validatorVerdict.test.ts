import { describe, expect, it } from 'vitest';
import { finishedAnalyzers, type AnalyzerDiagnostic } from '../src/validator/validateZip.ts';
import { judge } from '../src/validator/verdict.ts';

const found = (analyzer: string, Name: string, Severity: AnalyzerDiagnostic['Severity']): AnalyzerDiagnostic => ({
  analyzer,
  Name,
  Severity,
  Title: `${analyzer} says ${Name}`,
  Detail: '',
});
const notLinuxAmd64 = found('backendbinary', 'backend-binary-not-linux-amd64', 'error');

describe('judge', () => {
  it("allows the datasource's non-Go backend executable, by analyzer and rule id", () => {
    const verdict = judge('flowlens-flows-datasource', [notLinuxAmd64]);
    expect(verdict.errors).toEqual([]);
    expect(verdict.allowed).toEqual([expect.objectContaining({ Name: 'backend-binary-not-linux-amd64' })]);
    expect(verdict.unusedAllowances).toEqual([]);
  });

  it('allows it for no other plugin, and no other rule of the same analyzer', () => {
    expect(judge('flowlens-chord-panel', [notLinuxAmd64]).errors).toEqual([notLinuxAmd64]);
    const missing = found('backendbinary', 'backend-binary-mission', 'error');
    expect(judge('flowlens-flows-datasource', [missing]).errors).toEqual([missing]);
  });

  it('sorts warnings and recommendations apart from errors, and ignores passes', () => {
    const verdict = judge('flowlens-sankey-panel', [
      found('manifest', 'unsigned-plugin', 'warning'),
      found('sponsorshiplink', 'sponsorshiplink', 'recommendation'),
      found('license', 'valid-license-provided', 'ok'),
    ]);
    expect(verdict).toMatchObject({ errors: [], allowed: [], unusedAllowances: [] });
    expect(verdict.warnings.map((w) => w.Name)).toEqual(['unsigned-plugin']);
    expect(verdict.recommendations.map((r) => r.Name)).toEqual(['sponsorshiplink']);
  });

  it('says when an allowance matched nothing', () => {
    expect(judge('flowlens-flows-datasource', []).unusedAllowances).toEqual([
      expect.objectContaining({ rule: 'backend-binary-not-linux-amd64' }),
    ]);
  });
});

describe('finishedAnalyzers', () => {
  const run = { id: 'p', version: '1', diagnostics: {} };

  it('is every started analyzer when the run did not stop', () => {
    expect(finishedAnalyzers({ ...run, started: ['archive', 'license'] })).toEqual(['archive', 'license']);
  });

  it('ends before the first analyzer that needs the network, the turn that stopped the run', () => {
    const started = ['archive', 'metadata', 'published-plugin', 'legacyplatform', 'modulejs'];
    expect(finishedAnalyzers({ ...run, started, failure: 'Get "https://grafana.com/...": refused' })).toEqual([
      'archive',
      'metadata',
      'published-plugin',
    ]);
  });

  it('refuses a run that stopped at an analyzer thought to work offline', () => {
    expect(() => finishedAnalyzers({ ...run, started: ['archive', 'license'], failure: 'boom' })).toThrow(
      /should work offline: boom/
    );
  });
});
