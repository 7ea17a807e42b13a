import { describe, expect, test } from 'vitest';
import { describeRule } from './ruleText';
import { type RuleDirection } from './types';

describe('describeRule', () => {
  test.each<[string, RuleDirection, Record<string, unknown>, string]>([
    ['a Kubernetes rule without peers or ports', 'ingress', {}, 'Ingress rule 3: Allow from any peer on any port'],
    [
      'pods of the policy’s namespace',
      'ingress',
      { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 80 }] },
      'Ingress rule 3: Allow from app=web on TCP 80',
    ],
    [
      'a namespace by name, all its pods',
      'egress',
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'db' } } }] },
      'Egress rule 3: Allow to db on any port',
    ],
    [
      'namespaces by label, pods by expression',
      'egress',
      {
        to: [
          {
            namespaceSelector: { matchLabels: { team: 'a' } },
            podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'web'] }] },
          },
        ],
      },
      'Egress rule 3: Allow to namespaces team=a: tier In (api, web) on any port',
    ],
    [
      'every namespace, every pod',
      'ingress',
      { from: [{ namespaceSelector: {}, podSelector: {} }] },
      'Ingress rule 3: Allow from all namespaces: all pods on any port',
    ],
    [
      'address blocks, port ranges and named ports',
      'egress',
      {
        to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }],
        ports: [{ port: 8000, endPort: 8080 }, { protocol: 'UDP', port: 'dns' }, { protocol: 'SCTP' }],
      },
      'Egress rule 3: Allow to 10.0.0.0/8 except 10.1.0.0/16 on TCP 8000-8080, UDP dns, SCTP any port',
    ],
    [
      'an Antrea rule with a name, action, Services and ICMP',
      'egress',
      {
        name: 'allow-egress-2',
        action: 'Drop',
        toServices: [{ name: 'api', namespace: 'shop' }],
        protocols: [{ icmp: {} }],
      },
      'allow-egress-2: Drop to Service shop/api on ICMP',
    ],
    [
      'other Antrea peers as written',
      'ingress',
      { action: 'Pass', from: [{ group: 'db-clients' }, { fqdn: '*.example.com' }] },
      'Ingress rule 3: Pass from group db-clients; *.example.com on any port',
    ],
  ])('%s', (_name, direction, rule, text) => {
    const summary = describeRule(direction, rule, 2);
    expect(`${summary.title}: ${summary.action} ${summary.peers} on ${summary.ports}`).toBe(text);
  });
});
