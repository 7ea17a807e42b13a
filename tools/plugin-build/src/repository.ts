import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The GitHub repository the plugins are published from: where the catalog fetches README images. */
export interface GitHubRepository {
  owner: string;
  name: string;
}

const githubUrl = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/;
const githubShorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/;

/** Reads package.json's "repository" (a URL string, npm's `owner/name` shorthand or `{ url }`). */
export function githubRepositoryOf(repository: unknown, source: string): GitHubRepository {
  const url =
    typeof repository === 'string'
      ? repository
      : typeof repository === 'object' && repository !== null && 'url' in repository
        ? String(repository.url)
        : '';
  const match = githubUrl.exec(url) ?? githubShorthand.exec(url);
  if (!match) {
    throw new Error(
      `${source} needs "repository": "https://github.com/<owner>/<name>" (found ${JSON.stringify(repository)}): ` +
        'the packaged READMEs link their images there'
    );
  }
  return { owner: match[1]!, name: match[2]! };
}

export function readRepository(repoRoot: string): GitHubRepository {
  const path = join(repoRoot, 'package.json');
  const pkg = JSON.parse(readFileSync(path, 'utf8')) as { repository?: unknown };
  return githubRepositoryOf(pkg.repository, path);
}
