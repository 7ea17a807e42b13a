/**
 * README and plugin.json screenshots of flowlens-sankey-panel, rendered from its built dist/ through
 * the panel host exactly as the e2e tests see it. Run after `npm run build`:
 *
 *   npx tsx e2e/screenshots/sankey.ts        # writes plugins/sankey-panel/src/img/*.png
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchPanelHost } from '../host/launch.ts';
import { writePanelShot } from './panelShot.ts';
import type { PanelSpec, SimpleFrame } from '../host/panelSpec.ts';
import { clusterFlows } from '../../plugins/sankey-panel/src/test/syntheticFlows.ts';

const defaultOutDir = resolve(import.meta.dirname, '../../plugins/sankey-panel/src/img');

/** A small shop's traffic in bytes, shaped so every column has a story: who calls what, and where it lands. */
function shopFlows(): SimpleFrame {
  const rows: Array<[string, string, string, string, number]> = [
    ['ingress-nginx', 'ingress-nginx-controller-7d9f8', 'frontend/web:http', 'web-5c7b9-2xkqp', 92e9],
    ['ingress-nginx', 'ingress-nginx-controller-7d9f8', 'frontend/web:http', 'web-5c7b9-9fj2m', 81e9],
    ['frontend', 'web-5c7b9-2xkqp', 'catalog/catalog-api:grpc', 'catalog-api-6f4d-h7p2x', 38e9],
    ['frontend', 'web-5c7b9-9fj2m', 'catalog/catalog-api:grpc', 'catalog-api-6f4d-h7p2x', 31e9],
    ['frontend', 'web-5c7b9-2xkqp', 'checkout/checkout:http', 'checkout-84c6d-q2w9z', 22e9],
    ['frontend', 'web-5c7b9-9fj2m', 'checkout/checkout:http', 'checkout-84c6d-q2w9z', 17e9],
    ['frontend', 'web-5c7b9-2xkqp', 'kube-system/kube-dns:dns', 'coredns-5d78c-8t6vn', 2e9],
    ['checkout', 'checkout-84c6d-q2w9z', 'payments/payments:grpc', 'payments-7b5f9-m4k8s', 19e9],
    ['checkout', 'checkout-84c6d-q2w9z', 'data/postgres:5432', 'postgres-0', 14e9],
    ['catalog', 'catalog-api-6f4d-h7p2x', 'data/postgres:5432', 'postgres-0', 41e9],
    ['catalog', 'catalog-api-6f4d-h7p2x', 'data/redis:6379', 'redis-master-0', 24e9],
    ['payments', 'payments-7b5f9-m4k8s', '', 'api.stripe.com', 9e9],
    ['payments', 'payments-7b5f9-m4k8s', 'data/postgres:5432', 'postgres-0', 6e9],
    ['monitoring', 'prometheus-k8s-0', 'frontend/web:metrics', 'web-5c7b9-2xkqp', 3e9],
    ['monitoring', 'prometheus-k8s-0', 'catalog/catalog-api:metrics', 'catalog-api-6f4d-h7p2x', 3e9],
    ['monitoring', 'prometheus-k8s-0', 'kube-system/kube-dns:dns', 'coredns-5d78c-8t6vn', 1e9],
  ];
  const column = (index: number) => rows.map((row) => row[index]);
  return {
    name: 'flows',
    refId: 'A',
    fields: [
      { name: 'sourcePodNamespace', type: 'string', values: column(0) },
      { name: 'sourcePodName', type: 'string', values: column(1) },
      { name: 'destinationServicePortName', type: 'string', values: column(2) },
      { name: 'destinationPodName', type: 'string', values: column(3) },
      { name: 'bytes', type: 'number', values: column(4) },
    ],
  };
}

/** Namespace → NetworkPolicy rule action → namespace: the numeric action codes named and coloured by value mappings. */
function policyFlows(): SimpleFrame {
  const rows: Array<[string, number, string, number]> = [
    ['frontend', 1, 'catalog', 61e9],
    ['frontend', 1, 'checkout', 39e9],
    ['checkout', 1, 'payments', 19e9],
    ['checkout', 1, 'data', 14e9],
    ['catalog', 1, 'data', 65e9],
    ['payments', 1, 'data', 6e9],
    ['default', 2, 'data', 12e9],
    ['default', 3, 'payments', 4e9],
    ['monitoring', 1, 'frontend', 3e9],
    ['monitoring', 2, 'payments', 5e9],
  ];
  const column = (index: number) => rows.map((row) => row[index]!);
  return {
    name: 'policy',
    refId: 'A',
    fields: [
      { name: 'sourcePodNamespace', type: 'string', values: column(0) },
      {
        name: 'ingressNetworkPolicyRuleAction',
        type: 'number',
        values: column(1),
        config: {
          displayName: 'Rule action',
          mappings: [
            {
              type: 'value',
              options: {
                '1': { text: 'Allow', color: 'green', index: 0 },
                '2': { text: 'Drop', color: 'red', index: 1 },
                '3': { text: 'Reject', color: 'orange', index: 2 },
              },
            },
          ],
        },
      },
      { name: 'destinationPodNamespace', type: 'string', values: column(2) },
      { name: 'bytes', type: 'number', values: column(3) },
    ],
  };
}

interface Shot {
  file: string;
  spec: PanelSpec;
  /** Hover this node (its column and name) before the picture, to show the highlight and tooltip. */
  hover?: string;
}

function shots(): Shot[] {
  const panel = { pluginId: 'flowlens-sankey-panel', width: 1100, height: 520 };
  const bytes = { defaults: { unit: 'bytes' } };
  return [
    {
      file: 'sankey-namespaces-to-pods.png',
      spec: { ...panel, frames: [shopFlows()], fieldConfig: bytes, options: { emptyLabel: 'external' }, theme: 'dark' },
    },
    {
      file: 'sankey-hover-light.png',
      spec: {
        ...panel,
        frames: [shopFlows()],
        fieldConfig: bytes,
        options: { linkColor: 'gradient', nodeLabels: 'nameAndValue', emptyLabel: 'external' },
        theme: 'light',
      },
      hover: 'sourcePodName web-5c7b9-2xkqp',
    },
    {
      file: 'sankey-policy-actions.png',
      spec: {
        ...panel,
        height: 420,
        frames: [policyFlows()],
        fieldConfig: bytes,
        // The action is a number field, so it joins the columns only when picked.
        options: { hopFields: ['Rule action'], linkColor: 'target', nodeSort: 'value' },
        theme: 'dark',
      },
    },
    {
      file: 'sankey-top-links-other.png',
      spec: {
        ...panel,
        frames: [clusterFlows({ links: 600, seed: 11 })],
        fieldConfig: bytes,
        options: { topLinks: 25 },
        theme: 'dark',
      },
    },
    {
      file: 'sankey-5000-links-canvas.png',
      spec: {
        // Smaller: thousands of hairlines barely compress, and the image ships in the plugin zip.
        ...panel,
        width: 880,
        height: 400,
        frames: [clusterFlows({ links: 5_000, seed: 7 })],
        fieldConfig: bytes,
        options: { topLinks: 0, linkOpacity: 0.3 },
        theme: 'dark',
      },
    },
  ];
}

/** Renders each representative Sankey and writes it as a PNG; returns the files written. */
export async function renderSankeyScreenshots(outDir = defaultOutDir): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const host = await launchPanelHost();
  const written: string[] = [];
  try {
    for (const shot of shots()) {
      await host.render(shot.spec);
      const path = resolve(outDir, shot.file);
      const hover = shot.hover;
      const hoverIt = hover
        ? () =>
            host
              .panel()
              .getByRole('button', { name: new RegExp(`^${hover}:`) })
              .hover()
        : undefined;
      await writePanelShot(host, path, hoverIt);
      written.push(path);
    }
    await host.assertNoProblems();
  } finally {
    await host.close();
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of await renderSankeyScreenshots()) {
    console.log(`wrote ${file}`);
  }
}
