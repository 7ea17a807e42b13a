/** Grafana before 12 shares no `/unstable` entry points: a plugin asking for one fails to load, as it would there. */
export const unstableEntryPoints: Readonly<Record<string, object>> = {};
