import type { IngestMetrics } from '../metrics.ts';

/**
 * Rejected lines: every one is counted by reason, and the first few of each reason are logged with
 * what was wrong and the start of the line, so a misconfigured sender shows up at once.
 */
export class Rejections {
  private readonly logged = new Map<string, number>();

  constructor(
    private readonly metrics: IngestMetrics,
    private readonly log: (line: string) => void,
    private readonly samplesPerReason = 5
  ) {}

  record(input: string, reason: string, detail: string, line: string): void {
    this.metrics.rejected.inc({ input, reason });
    const seen = this.logged.get(reason) ?? 0;
    if (seen < this.samplesPerReason) {
      this.logged.set(reason, seen + 1);
      const more = seen + 1 === this.samplesPerReason ? ' (further lines of this reason are only counted)' : '';
      this.log(
        `flowlens-ingest: rejected a ${input} line (${reason}): ${detail}; line starts ${JSON.stringify(line.slice(0, 160))}${more}`
      );
    }
  }
}
