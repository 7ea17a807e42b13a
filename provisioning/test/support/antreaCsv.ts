import type { FlowRecord } from '@flowlens/flowgen';

/**
 * A flow record as a line of the CSV Antrea's S3 uploader writes (writeRecord in
 * pkg/flowaggregator/s3uploader/s3uploader.go): the layout's fields in order, numbers and times
 * (unix seconds) as decimal digits, the two Pod label fields in single quotes, every other field as
 * it is, nothing escaped; each line ends in a newline. timeInserted is the uploader's clock; here the
 * record's own, so the data keeps flowgen's timeline.
 */
export function antreaCsvLine(record: FlowRecord, layout: readonly string[]): string {
  return (
    layout
      .map((name) => {
        const value = String(record[name as keyof FlowRecord]);
        return name === 'sourcePodLabels' || name === 'destinationPodLabels' ? `'${value}'` : value;
      })
      .join(',') + '\n'
  );
}
