import { describe, expect, it } from 'vitest';
import { absoluteReadmeLinks, type ReadmeLocation } from '../src/readmeLinks.ts';
import { githubRepositoryOf } from '../src/repository.ts';

const sankey: ReadmeLocation = {
  repository: { owner: 'flowlens', name: 'flowlens' },
  ref: 'main',
  folder: 'plugins/sankey-panel',
};
const raw = 'https://raw.githubusercontent.com/flowlens/flowlens/main';
const blob = 'https://github.com/flowlens/flowlens/blob/main';

describe('absoluteReadmeLinks', () => {
  it.each([
    ['![Top links](src/img/top.png)', `![Top links](${raw}/plugins/sankey-panel/src/img/top.png)`],
    ['![Top links](./src/img/top.png)', `![Top links](${raw}/plugins/sankey-panel/src/img/top.png)`],
    ['![Shot](src/img/a.png "the title")', `![Shot](${raw}/plugins/sankey-panel/src/img/a.png "the title")`],
    ['![Dashboard](../../docs/images/d.png)', `![Dashboard](${raw}/docs/images/d.png)`],
    ['![Dashboard](/docs/images/d.png)', `![Dashboard](${raw}/docs/images/d.png)`],
    ['see [the changelog](CHANGELOG.md)', `see [the changelog](${blob}/plugins/sankey-panel/CHANGELOG.md)`],
    ['[macros](../flows-datasource/README.md#macros)', `[macros](${blob}/plugins/flows-datasource/README.md#macros)`],
    ['[Performance](#performance)', '[Performance](#performance)'],
    ['[Grafana](https://grafana.com/docs/)', '[Grafana](https://grafana.com/docs/)'],
    ['[mail](mailto:team@example.com)', '[mail](mailto:team@example.com)'],
    ['![badge](//img.shields.io/x.svg)', '![badge](//img.shields.io/x.svg)'],
  ])('%s', (markdown, expected) => {
    expect(absoluteReadmeLinks(markdown, sankey)).toBe(expected);
  });

  it('rewrites every link of a document and leaves the rest of the text alone', () => {
    const markdown =
      '# Sankey\n\n![One](src/img/one.png)\n\nText [two](#two).\n\n```sql\nSELECT 1\n```\n![Three](src/img/three.png)\n';
    expect(absoluteReadmeLinks(markdown, sankey)).toBe(
      `# Sankey\n\n![One](${raw}/plugins/sankey-panel/src/img/one.png)\n\nText [two](#two).\n\n` +
        `\`\`\`sql\nSELECT 1\n\`\`\`\n![Three](${raw}/plugins/sankey-panel/src/img/three.png)\n`
    );
  });

  it('refuses a link that leaves the repository', () => {
    expect(() => absoluteReadmeLinks('![x](../../../elsewhere.png)', sankey)).toThrow(/outside the repository/);
  });
});

describe('githubRepositoryOf', () => {
  it.each([
    ['https://github.com/flowlens/flowlens', { owner: 'flowlens', name: 'flowlens' }],
    [
      { type: 'git', url: 'git+https://github.com/flowlens/flowlens.git' },
      { owner: 'flowlens', name: 'flowlens' },
    ],
    ['github:acme/flow.lens', { owner: 'acme', name: 'flow.lens' }],
    ['acme/flowlens', { owner: 'acme', name: 'flowlens' }],
  ])('%j', (repository, expected) => {
    expect(githubRepositoryOf(repository, 'package.json')).toEqual(expected);
  });

  it.each([undefined, 'https://gitlab.com/acme/flowlens', { url: 'https://github.com/acme' }])(
    'names what is missing for %j',
    (repository) => {
      expect(() => githubRepositoryOf(repository, 'package.json')).toThrow(/package\.json needs "repository"/);
    }
  );
});
