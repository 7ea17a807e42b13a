import type { FlowsSettings } from '../config/settingsChanges';

/** A datasource's settings as Grafana hands them to the config editor; `patch` sets what a test needs. */
export function flowsSettings(patch: Partial<FlowsSettings> = {}): FlowsSettings {
  return {
    id: 1,
    uid: 'u',
    orgId: 1,
    name: 'FlowLens',
    type: 'flowlens-flows-datasource',
    typeName: 'FlowLens Flows',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly: false,
    withCredentials: false,
    jsonData: {},
    secureJsonFields: {},
    ...patch,
  };
}
