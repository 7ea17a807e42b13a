import { describe, expect, it } from 'vitest';
import { table } from '../test/flowFrames';
import { defaultSankeyOptions } from '../optionDefaults';
import { buildGraph } from './buildGraph';
import { linksOf } from '../test/graphText';
import { buildPathIndex, flowThrough, type Focus } from './pathFlow';

describe('flowThrough: the share of each link on paths through the hovered element', () => {
  // p1 and p2 both call the api service; the api pods then serve both.
  const result = buildGraph(
    [
      table({
        pod: ['p1', 'p2', 'p1'],
        svc: ['api', 'api', 'db'],
        dst: ['api-0', 'api-1', 'db-0'],
        bytes: [10, 30, 5],
      }),
    ],
    { ...defaultSankeyOptions }
  );
  if (result.kind !== 'graph') {
    throw new Error('expected a graph');
  }
  const { graph } = result;
  const index = buildPathIndex(graph);
  const nodeNamed = (column: number, name: string) =>
    graph.nodes.findIndex((node) => node.column === column && node.name === name);
  const flows = (focus: Focus) =>
    linksOf(result)
      .map((text, link) => [text, flowThrough(graph, index, focus)[link]] as const)
      .filter(([, flow]) => flow! > 0)
      .map(([text, flow]) => `${text.split(' =')[0]} : ${flow}`);

  it.each<[string, Focus, string[]]>([
    [
      'a source pod: its own bytes on every downstream link',
      { kind: 'node', index: nodeNamed(0, 'p1') },
      ['0:p1 → 1:api : 10', '1:api → 2:api-0 : 10', '0:p1 → 1:db : 5', '1:db → 2:db-0 : 5'],
    ],
    [
      'a middle node: everything through it, both ways',
      { kind: 'node', index: nodeNamed(1, 'api') },
      ['0:p1 → 1:api : 10', '1:api → 2:api-0 : 10', '0:p2 → 1:api : 30', '1:api → 2:api-1 : 30'],
    ],
    ['a link: the paths that use it', { kind: 'link', index: 1 }, ['0:p1 → 1:api : 10', '1:api → 2:api-0 : 10']],
  ])('%s', (_name, focus, expected) => {
    expect(flows(focus)).toEqual(expected);
  });
});
