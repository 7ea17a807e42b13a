import { entryOf, readYamlDocuments, toValue, type YamlEntry, type YamlNode, YamlReadError } from './blockYaml';
import { ruleKeys } from './ruleKeys';
import { describeRule } from './ruleText';
import { type PolicyDocument, type PolicyRule, type RuleDirection } from './types';

export const ruleDirections: readonly RuleDirection[] = ['ingress', 'egress'];

/** What went wrong reading one YAML text, in words for the panel. */
export class PolicyYamlError extends Error {}

/**
 * The policies in a YAML text (one per document): identity, rules with their lines and a summary.
 * Throws PolicyYamlError when the text is not YAML this panel reads, or a document is no policy.
 */
export function readPolicyDocuments(text: string): PolicyDocument[] {
  let documents;
  try {
    documents = readYamlDocuments(text);
  } catch (error) {
    if (error instanceof YamlReadError) {
      throw new PolicyYamlError(`its YAML does not parse: ${error.message}`);
    }
    throw error;
  }
  if (documents.length === 0) {
    throw new PolicyYamlError('its YAML is empty');
  }
  const lines = text.split(/\r?\n/);
  return documents.map((document) => {
    const source = lines.slice(document.range.start, document.range.end);
    // Rules are cut by line, so their lines are kept relative to this document's own text.
    return policyOf(document.root, source, document.range.start);
  });
}

function text(node: YamlNode | undefined): string | undefined {
  return node?.type === 'scalar' && typeof node.value === 'string' && node.value !== '' ? node.value : undefined;
}

function policyOf(root: YamlNode, lines: string[], offset: number): PolicyDocument {
  if (root.type !== 'map') {
    throw new PolicyYamlError(
      'its YAML is not a policy: a policy is a mapping with kind, apiVersion, metadata and spec'
    );
  }
  const kind = text(entryOf(root, 'kind')?.value);
  const apiVersion = text(entryOf(root, 'apiVersion')?.value);
  const metadata = entryOf(root, 'metadata')?.value;
  const name = text(entryOf(metadata, 'name')?.value);
  const spec = entryOf(root, 'spec')?.value;
  const missing = [
    !kind && 'kind',
    !apiVersion && 'apiVersion',
    !name && 'metadata.name',
    spec?.type !== 'map' && 'spec',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new PolicyYamlError(`its YAML is not a policy: it has no ${missing.join(', ')}`);
  }
  const shift = (line: number) => line - offset;
  const ruleLists = ruleDirections.map((direction) => ruleList(entryOf(spec, direction), direction, shift));
  const rules = ruleLists.flatMap((list) => list?.rules ?? []);
  const keys = ruleKeys(rules.map((rule) => ({ direction: rule.direction, content: rule.content })));
  return {
    kind: kind!,
    apiVersion: apiVersion!,
    namespace: text(entryOf(metadata, 'namespace')?.value) ?? '',
    name: name!,
    lines,
    ruleLists: ruleLists.flatMap((list) => (list ? [list.location] : [])),
    rules: rules.map((rule, i) => ({ ...rule, key: keys[i]! })),
  };
}

function ruleList(
  entry: YamlEntry | undefined,
  direction: RuleDirection,
  shift: (line: number) => number
): { location: PolicyDocument['ruleLists'][number]; rules: Array<Omit<PolicyRule, 'key'>> } | undefined {
  if (!entry || (entry.value.type === 'scalar' && entry.value.value === null)) {
    return undefined;
  }
  if (entry.value.type !== 'seq' || entry.value.items.some((item) => item.type !== 'map')) {
    throw new PolicyYamlError(`its spec.${direction} is not a list of rules`);
  }
  const items = entry.value.items;
  return {
    location: {
      direction,
      keyLine: shift(entry.keyLine),
      keyIndent: entry.keyIndent,
      keySource: entry.keySource,
      valueRange: { start: shift(entry.value.start), end: shift(entry.value.end) },
    },
    rules: items.map((item, index) => {
      const content = toValue(item) as Record<string, unknown>;
      return {
        direction,
        index,
        range: { start: shift(item.start), end: shift(item.end) },
        content,
        summary: describeRule(direction, content, index),
      };
    }),
  };
}
