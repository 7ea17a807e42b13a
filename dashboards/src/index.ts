import { flowRecords } from './flowRecords.ts';
import type { Json } from './grafanaJson.ts';
import { home } from './home.ts';
import { networkPolicy } from './networkPolicy.ts';
import { serviceMap } from './serviceMap.ts';
import { policyRecommendation } from './policyRecommendation.ts';
import { nodeToNode, podToExternal, podToPod, podToService } from './viewDashboards.ts';

/** Every dashboard by its file name in dashboards/. */
export const dashboards: Record<string, Json> = {
  home,
  'flow-records': flowRecords,
  'pod-to-pod': podToPod,
  'pod-to-service': podToService,
  'pod-to-external': podToExternal,
  'node-to-node': nodeToNode,
  'network-policy': networkPolicy,
  'service-map': serviceMap,
  'policy-recommendation': policyRecommendation,
};
