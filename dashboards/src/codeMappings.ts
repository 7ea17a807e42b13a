import { flowEndReasons, flowTypes, policyTypes, protocols, ruleActions, type FlowCode } from '@flowlens/flow-schema';
import type { Json } from './grafanaJson.ts';

/** Grafana colours of the rule actions wherever a dashboard shows them. */
export const ruleActionColors: Record<(typeof ruleActions)[number]['name'], string> = {
  none: 'text',
  allow: 'green',
  drop: 'red',
  reject: 'dark-red',
};

/** A Grafana value mapping from a code list of @flowlens/flow-schema, with colours by code name. */
function valueMapping(codes: readonly FlowCode[], colors: Record<string, string> = {}): Json {
  return {
    type: 'value',
    options: Object.fromEntries(
      codes.map(({ code, name, label }, index) => [
        String(code),
        { text: label, index, ...(colors[name] ? { color: colors[name] } : {}) },
      ])
    ),
  };
}

export const flowTypeMapping = valueMapping(flowTypes);
export const ruleActionMapping = valueMapping(ruleActions, ruleActionColors);
export const policyTypeMapping = valueMapping(policyTypes);
export const flowEndReasonMapping = valueMapping(flowEndReasons);
export const protocolMapping = valueMapping(protocols);
