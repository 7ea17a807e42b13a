import { describe, expect, it } from 'vitest';
import { policyEventsOf } from '../src/index.ts';
import { fixtureJson } from './helpers/fixtures.ts';

// Falco's real delete_configmap event, retargeted at policies: only objectRef and requestURI change.
const configMapDelete = fixtureJson('audit-falco-delete-configmap.json');
function retargeted(objectRef: Record<string, string>, changes: Record<string, unknown> = {}) {
  const path = `/apis/${objectRef.apiGroup}/${objectRef.apiVersion}/${objectRef.namespace ? `namespaces/${objectRef.namespace}/` : ''}${objectRef.resource}/${objectRef.name}`;
  return { ...configMapDelete, objectRef, requestURI: path, ...changes };
}
const eventList = (...items: unknown[]) => ({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items });

const k8sPolicy = {
  apiGroup: 'networking.k8s.io',
  apiVersion: 'v1',
  resource: 'networkpolicies',
  namespace: 'default',
  name: 'deny-all',
};
const antreaCnp = {
  apiGroup: 'crd.antrea.io',
  apiVersion: 'v1beta1',
  resource: 'clusternetworkpolicies',
  name: 'protect-databases',
};

describe('audit events of NetworkPolicy changes', () => {
  it('keeps a policy delete with who, when, what and the answer', () => {
    const batch = policyEventsOf(eventList(retargeted(k8sPolicy)), 'c1');
    expect(batch.events).toEqual([
      {
        eventTime: Date.parse('2018-10-26T13:13:33Z') / 1000,
        auditID: '179a9171-e02e-4227-8c41-8b2575f8da7d',
        verb: 'delete',
        apiGroup: 'networking.k8s.io',
        apiVersion: 'v1',
        resource: 'networkpolicies',
        kind: 'NetworkPolicy',
        policyNamespace: 'default',
        policyName: 'deny-all',
        policyType: 1,
        userName: 'minikube-user',
        userGroups: '["system:masters","system:authenticated"]',
        impersonatedUser: '',
        userAgent: '',
        sourceIPs: '192.168.99.1',
        responseCode: 200,
        clusterUUID: 'c1',
      },
    ]);
  });

  it('knows Antrea’s kinds, and takes a create’s name from the body', () => {
    const { name: _, ...unnamed } = antreaCnp;
    const create = retargeted(unnamed as Record<string, string>, {
      verb: 'create',
      responseStatus: { code: 201 },
      responseObject: { kind: 'ClusterNetworkPolicy', metadata: { name: 'protect-databases' } },
    });
    const [event] = policyEventsOf(eventList(create), '').events;
    expect(event).toMatchObject({
      kind: 'ClusterNetworkPolicy',
      policyType: 3,
      policyName: 'protect-databases',
      responseCode: 201,
    });
  });

  it('counts what is no policy change instead of storing it', () => {
    const batch = policyEventsOf(
      eventList(
        configMapDelete,
        retargeted(k8sPolicy, { verb: 'get' }),
        retargeted(k8sPolicy, { stage: 'RequestReceived' }),
        retargeted({ ...antreaCnp, subresource: 'status' }, { verb: 'update' }),
        retargeted(k8sPolicy, {
          requestURI: '/apis/networking.k8s.io/v1/namespaces/default/networkpolicies/deny-all?dryRun=All',
        })
      ),
      ''
    );
    expect(batch.events).toEqual([]);
    expect(batch.ignored).toEqual({
      'not-a-policy': 1,
      'read-only-verb': 1,
      'not-response-complete': 1,
      subresource: 1,
      'dry-run': 1,
    });
  });

  it('reports items that are not audit events, and refuses a body that is no EventList', () => {
    const batch = policyEventsOf(eventList(retargeted(k8sPolicy, { auditID: '' }), 'text'), '');
    expect(batch.invalid).toEqual([
      { item: 0, detail: 'auditID' },
      { item: 1, detail: 'the item is not an object' },
    ]);
    expect(() => policyEventsOf({ kind: 'PodList', items: [] }, '')).toThrow(/EventList/);
    expect(() => policyEventsOf({ ...eventList(), apiVersion: 'audit.k8s.io/v1beta1' }, '')).toThrow(
      /audit.k8s.io\/v1/
    );
  });
});
