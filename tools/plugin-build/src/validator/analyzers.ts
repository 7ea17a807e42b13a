/**
 * The analyzers of Grafana's plugin validator at the commit we run (github.com/grafana/plugin-validator
 * a7e38aae, pkg/analysis/passes/analysis.go), in the order it runs them, by the names its -analyzer flag
 * and its JSON output use. A validator with analyzers missing here fails the check until this list is
 * brought up to date, so no analyzer is silently left out.
 */
export const validatorAnalyzers: readonly string[] = [
  'archive',
  'archivename',
  'backendbinary',
  'backenddebug',
  'binarypermissions',
  'brokenlinks',
  'buildtools',
  'changelog',
  'sponsorshiplink',
  'checksum',
  'code-rules',
  'discoverability',
  'go-manifest',
  'go-sec',
  'govulncheck',
  'includesnested',
  'jargon',
  'jsMap',
  'legacybuilder',
  'legacyplatform',
  'license',
  'safelinks',
  'llmreview',
  'logos',
  'manifest',
  'metadata',
  'metadatapaths',
  'metadatavalid',
  'modulejs',
  'nestedmetadata',
  'org',
  'osv-scanner',
  'packagejson',
  'plugindocs',
  'pluginname',
  'provenance',
  'published-plugin',
  'reactcompat',
  'readme',
  'restrictivedep',
  'screenshots',
  'sdkusage',
  'signature',
  'sourcecode',
  'templatereadme',
  'trackingscripts',
  'typesuffix',
  'unsafesvg',
  'version',
  'virusscan',
  'circulardependencies',
  'codediff',
  'grafanadependency',
];

/** Analyzers that only ever run as another's dependency. */
export const dependencyOnlyAnalyzers: readonly string[] = ['metadataschema'];

/**
 * Analyzers that cannot run without the internet: each downloads something, and the validator stops its
 * whole run at the first one that fails. Every analyzer that requires one of them is listed too.
 */
export const networkAnalyzers: Readonly<Record<string, string>> = {
  legacyplatform: "downloads Grafana's Angular detection patterns from grafana.com",
  metadataschema: "downloads Grafana's plugin.json schema from raw.githubusercontent.com",
  metadatavalid: "checks plugin.json against Grafana's schema, which it downloads",
  screenshots: 'requires metadatavalid (the schema download)',
  metadatapaths: 'requires screenshots (the schema download)',
  org: 'asks grafana.com whether the organisation in the plugin id exists',
  llmreview: 'requires metadatavalid, the source code and an LLM API key',
  codediff: 'requires llmreview',
};

/** Analyzers that do nothing for an archive checked here, so running them would prove nothing. */
export const inapplicableAnalyzers: Readonly<Record<string, string>> = {
  // -sourceCodeUri expects one plugin per repository in create-plugin's layout, which this monorepo is not.
  buildtools: 'needs the source code',
  'code-rules': 'needs the source code',
  'go-manifest': 'needs the source code (Go backends only)',
  'go-sec': 'needs the source code (Go backends only)',
  jsMap: 'needs the source code',
  packagejson: 'needs the source code',
  plugindocs: 'needs the source code',
  provenance: 'needs the source code',
  sdkusage: 'needs the source code (Go backends only)',
  'osv-scanner': 'needs the source code (and is a no-op in our validator build)',
  govulncheck: 'needs the govulncheck tool (Go backends only)',
  checksum: 'compares the archive with a checksum given on the command line',
  reactcompat: 'runs `npx @grafana/react-detect`, which downloads from the npm registry; npx is kept off PATH',
  safelinks: 'needs a Google Web Risk API key',
  virusscan: "needs ClamAV's clamscan",
};
