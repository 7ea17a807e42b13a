import { describe, expect, it } from 'vitest';
import { flowsAnnotationSupport } from './flowsAnnotationSupport';

describe('annotation queries', () => {
  it('ask anomaly detection for its anomalous windows as a table', () => {
    const query = flowsAnnotationSupport.prepareQuery!({
      name: 'Abnormal denied flows',
      enable: true,
      iconColor: 'orange',
      target: {
        refId: '',
        queryType: 'detectAnomalies',
        format: 'timeseries',
        detect: { version: 1, output: 'series' },
      },
    });
    expect(query).toMatchObject({
      refId: 'Anno',
      queryType: 'detectAnomalies',
      format: 'table',
      detect: { output: 'anomalies' },
    });
  });
});
