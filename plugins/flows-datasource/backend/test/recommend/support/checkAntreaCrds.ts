// Checks recommended Antrea policies against the CRDs Antrea publishes, when an Antrea checkout is at
// hand (no registry this CI reaches serves them, so CI uses antreaPolicySchema.ts instead):
//   npx tsx plugins/flows-datasource/backend/test/recommend/support/checkAntreaCrds.ts <antrea-crds-dir> <policies.yaml>...
// <antrea-crds-dir> holds networkpolicy.yaml and clusternetworkpolicy.yaml (build/charts/antrea/crds).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';

const [crdDir, ...files] = process.argv.slice(2);
if (!crdDir || files.length === 0) {
  console.error('usage: checkAntreaCrds.ts <antrea-crds-dir> <policies.yaml>...');
  process.exit(2);
}
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = Object.fromEntries(
  [
    ['NetworkPolicy', 'networkpolicy.yaml'],
    ['ClusterNetworkPolicy', 'clusternetworkpolicy.yaml'],
  ].map(([kind, file]) => {
    const crd = parse(readFileSync(join(crdDir, file!), 'utf8')) as {
      spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: object } }> };
    };
    const version = crd.spec.versions.find((candidate) => candidate.name === 'v1beta1')!;
    return [kind, ajv.compile(version.schema.openAPIV3Schema)];
  })
);
let invalid = 0;
let checked = 0;
for (const file of files) {
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const policy = document.toJSON() as { apiVersion: string; kind: string; metadata: { name: string } };
    if (policy.apiVersion !== 'crd.antrea.io/v1beta1') continue;
    checked++;
    const validate = validators[policy.kind]!;
    if (!validate(policy)) {
      invalid++;
      console.log(`${file}: ${policy.kind} ${policy.metadata.name}: ${ajv.errorsText(validate.errors)}`);
    }
  }
}
console.log(`${checked} Antrea policies checked against ${crdDir}: ${invalid} invalid`);
process.exit(invalid > 0 ? 1 : 0);
