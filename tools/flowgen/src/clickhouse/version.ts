/** A ClickHouse version as [major, minor], e.g. "18.16.1" → [18, 16]. */
export type Version = readonly [number, number];

export function parseVersion(text: string): Version {
  const match = /^(\d+)\.(\d+)/.exec(text.trim());
  if (!match) {
    throw new Error(`cannot read ClickHouse version "${text.trim()}"; expected something like 18.16.1`);
  }
  return [Number(match[1]), Number(match[2])];
}

export function atLeast(version: Version, required: Version): boolean {
  return version[0] > required[0] || (version[0] === required[0] && version[1] >= required[1]);
}
