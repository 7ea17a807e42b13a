/**
 * A synthetic cluster of `pods` pods for chDB, written by one INSERT … SELECT from numbers(): 100 pods
 * per namespace, workloads of 5 pods (Deployment-style names, app label and pod-template-hash). Each pod
 * opens three connections of four 60-second records: to the next workload of its namespace through that
 * workload's Service, straight to its twin in the next namespace (every 7th pod's dropped by a policy),
 * and to one of 200 addresses outside the cluster. The bench uses it too, at larger sizes.
 */
export function manyPodsInsertSql(pods: number, t0: number): string {
  const namespaces = Math.ceil(pods / 100);
  return `INSERT INTO flows (flowStartSeconds, flowEndSeconds, flowEndReason, sourceIP, destinationIP,
  sourceTransportPort, destinationTransportPort, protocolIdentifier, octetDeltaCount, packetDeltaCount,
  sourcePodName, sourcePodNamespace, sourcePodLabels, destinationPodName, destinationPodNamespace,
  destinationPodLabels, destinationServicePortName, flowType, ingressNetworkPolicyRuleAction)
SELECT
  toDateTime(${t0} + (pod % 600)) AS start,
  toDateTime(${t0} + (pod % 600) + 60 * (record + 1)) AS end,
  if(record = 3, 3, 2),
  concat('10.', toString(namespace), '.', toString(intDiv(pod % 100, 5)), '.', toString(pod % 5)),
  multiIf(kind = 2, concat('198.18.0.', toString(pod % 200)),
    kind = 0, concat('10.', toString(namespace), '.', toString((workload + 1) % 20), '.', toString((pod + 1) % 5)),
    concat('10.', toString((namespace + 1) % ${namespaces}), '.', toString(workload), '.', toString(pod % 5))),
  30000 + kind, if(kind = 2, 443, 8080), 6,
  1000 + (pod % 97) * 10, 10,
  concat('app-', toString(workload), '-7d4b9c8f6d-r000', toString(pod % 5)),
  concat('ns-', toString(namespace)),
  concat('{"app":"app-', toString(workload), '","pod-template-hash":"7d4b9c8f6d"}'),
  multiIf(kind = 2, '',
    kind = 0, concat('app-', toString((workload + 1) % 20), '-7d4b9c8f6d-r000', toString((pod + 1) % 5)),
    concat('app-', toString(workload), '-7d4b9c8f6d-r000', toString(pod % 5))),
  multiIf(kind = 2, '', kind = 0, concat('ns-', toString(namespace)), concat('ns-', toString((namespace + 1) % ${namespaces}))),
  multiIf(kind = 2, '',
    kind = 0, concat('{"app":"app-', toString((workload + 1) % 20), '","pod-template-hash":"7d4b9c8f6d"}'),
    concat('{"app":"app-', toString(workload), '","pod-template-hash":"7d4b9c8f6d"}')),
  if(kind = 0, concat('ns-', toString(namespace), '/app-', toString((workload + 1) % 20), ':http'), ''),
  if(kind = 2, 3, 2),
  if(kind = 1 AND pod % 7 = 0, 2, 0)
FROM (
  SELECT intDiv(number, 12) AS pod, intDiv(number % 12, 4) AS kind, number % 4 AS record,
    intDiv(intDiv(number, 12), 100) AS namespace, intDiv(intDiv(number, 12) % 100, 5) AS workload
  FROM numbers(${pods * 12})
)`;
}
