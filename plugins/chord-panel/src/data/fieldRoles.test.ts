import { FieldType, toDataFrame } from '@grafana/data';
import { describe, expect, test } from 'vitest';
import { flowFrame, ruleActionMappings } from '../test/flowFrames';
import { type FieldChoice, frameLabel, resolveFieldRoles } from './fieldRoles';

const policyFrame = toDataFrame({
  refId: 'A',
  fields: [
    {
      name: 'ingressNetworkPolicyRuleAction',
      type: FieldType.number,
      values: [1],
      config: { mappings: ruleActionMappings },
    },
    { name: 'src', type: FieldType.string, values: ['a'] },
    { name: 'ingressNetworkPolicyName', type: FieldType.string, values: ['allow-web'] },
    { name: 'dst', type: FieldType.string, values: ['b'] },
    { name: 'bytes', type: FieldType.number, values: [10] },
  ],
});

function roles(choice: FieldChoice, frame = policyFrame) {
  const result = resolveFieldRoles(frame, 0, [frame], choice);
  if (!result.ok) {
    return result.problem;
  }
  const { source, target, value, color, details } = result.fields;
  return {
    source: source.name,
    target: target.name,
    value: value.name,
    color: color?.name,
    details: details.map((field) => field.name),
  };
}

describe('resolveFieldRoles', () => {
  test.each<[string, FieldChoice, object]>([
    [
      'defaults: first two text fields, first number field without value mappings',
      {},
      { source: 'src', target: 'ingressNetworkPolicyName', value: 'bytes', color: undefined, details: [] },
    ],
    [
      'fields with another role are never a default',
      { colorField: 'ingressNetworkPolicyRuleAction', detailFields: ['ingressNetworkPolicyName'] },
      {
        source: 'src',
        target: 'dst',
        value: 'bytes',
        color: 'ingressNetworkPolicyRuleAction',
        details: ['ingressNetworkPolicyName'],
      },
    ],
    [
      'explicit source and target; value still defaults',
      { sourceField: 'dst', targetField: 'src' },
      { source: 'dst', target: 'src', value: 'bytes', color: undefined, details: [] },
    ],
    [
      'explicit source only: target is the first other text field',
      { sourceField: 'dst' },
      { source: 'dst', target: 'src', value: 'bytes', color: undefined, details: [] },
    ],
    [
      'a number field may be picked as value even with mappings',
      { sourceField: 'src', targetField: 'dst', valueField: 'ingressNetworkPolicyRuleAction' },
      { source: 'src', target: 'dst', value: 'ingressNetworkPolicyRuleAction', color: undefined, details: [] },
    ],
    [
      'missing detail fields are ignored in this frame',
      { sourceField: 'src', targetField: 'dst', detailFields: ['nope', 'ingressNetworkPolicyName'] },
      { source: 'src', target: 'dst', value: 'bytes', color: undefined, details: ['ingressNetworkPolicyName'] },
    ],
  ])('%s', (_name, choice, expected) => {
    expect(roles(choice)).toEqual(expected);
  });

  test('falls back to a number field with mappings when it is the only one', () => {
    const frame = flowFrame({ source: ['a'], target: ['b'], ruleAction: [1] });
    expect(roles({}, frame)).toMatchObject({ value: 'ingressNetworkPolicyRuleAction' });
  });

  test.each<[string, FieldChoice, ReturnType<typeof toDataFrame>, string]>([
    [
      'named field absent: says which and lists what the frame has',
      { sourceField: 'sourcePod' },
      policyFrame,
      'Source field "sourcePod" is not in query A; it has: ingressNetworkPolicyRuleAction (number), src (string), ingressNetworkPolicyName (string), dst (string), bytes (number).',
    ],
    [
      'value field picked by name but holding text: says so instead of reading the text as numbers',
      { valueField: 'src' },
      policyFrame,
      'Value field "src" in query A holds string values; the chord sizes ribbons by a number field. It has: ingressNetworkPolicyRuleAction (number), src (string), ingressNetworkPolicyName (string), dst (string), bytes (number).',
    ],
    [
      'no text fields and no number field',
      {},
      toDataFrame({ refId: 'B', fields: [{ name: 'time', type: FieldType.time, values: [1] }] }),
      'The chord needs a source and a target text field and a number field for the value (pick them in the panel options); query B has: time (time).',
    ],
    [
      'one text field only',
      {},
      flowFrame({ refId: 'C', source: ['a'], bytes: [1] }),
      'The chord needs a target text field (pick them in the panel options); query C has: sourcePodName (string), bytes (number).',
    ],
  ])('%s', (_name, choice, frame, message) => {
    expect(roles(choice, frame)).toBe(message);
  });

  test('matches the display name a picker stores, and the raw name', () => {
    const frame = toDataFrame({
      fields: [
        { name: 'src', type: FieldType.string, values: ['a'], config: { displayName: 'Source pod' } },
        { name: 'dst', type: FieldType.string, values: ['b'] },
        { name: 'bytes', type: FieldType.number, values: [1] },
      ],
    });
    expect(roles({ sourceField: 'Source pod', targetField: 'dst' }, frame)).toMatchObject({ source: 'src' });
    expect(roles({ sourceField: 'src' }, frame)).toMatchObject({ source: 'src' });
  });

  test.each([
    [{ refId: 'A', name: 'flows' }, 'query A'],
    [{ name: 'flows' }, 'frame "flows"'],
    [{}, 'frame 3'],
  ])('frameLabel %o', (meta, label) => {
    expect(frameLabel(toDataFrame({ ...meta, fields: [] }), 2)).toBe(label);
  });
});
