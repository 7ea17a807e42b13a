/**
 * The provisioned ClickHouse datasource (provisioning/grafana/datasources/flowlens-clickhouse.yaml) passes
 * "Save & test": Grafana calls our backend's CheckHealth, which reaches compose's ClickHouse and finds
 * the flows table.
 */
import { expect, test } from '@grafana/plugin-e2e';

test('the provisioned ClickHouse datasource passes its health check', async ({
  readProvisionedDataSource,
  gotoDataSourceConfigPage,
}) => {
  const datasource = await readProvisionedDataSource({ fileName: 'flowlens-clickhouse.yaml' });
  expect(datasource).toMatchObject({ uid: 'flowlens-clickhouse', type: 'flowlens-flows-datasource' });

  const configPage = await gotoDataSourceConfigPage(datasource.uid);
  const health = configPage.saveAndTest();
  await expect(health).toBeOK();
  expect(await (await health).json()).toMatchObject({
    status: 'OK',
    message: expect.stringMatching(/^Connected to .* Table flows has [\d,]+ rows/),
    details: { flowsTable: true },
  });
  await expect(configPage).toHaveAlert('success', { hasText: 'Table flows has' });
});
