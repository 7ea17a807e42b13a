import { type DataFrame, toDataFrame } from '@grafana/data';
import answers from './backendFrames.json';

/**
 * The backend's real answer to two policy recommendations on flowgen's hour (written by
 * writeBackendFrames.ts; a backend test keeps the file equal to what the backend answers):
 * `k8s-np` — Kubernetes NetworkPolicies, all namespaced; `anp-deny-applied` — Antrea policies,
 * namespaced allow policies plus cluster-wide deny and allow-namespace policies.
 */
export type Recommendation = keyof typeof answers;

/** The answer's frames (`policies`, `recommendation`) as a panel receives them. */
export function backendFrames(recommendation: Recommendation): DataFrame[] {
  return answers[recommendation].map((frame) => toDataFrame(frame));
}

/** The `yaml` cell of every policy row in both answers. */
export function backendPolicyYaml(): string[] {
  return Object.values(answers).flatMap((frames) =>
    frames
      .filter((frame) => frame.name === 'policies')
      .flatMap((frame) => frame.fields.find((field) => field.name === 'yaml')!.values.map(String))
  );
}
