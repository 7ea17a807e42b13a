import { posix } from 'node:path';
import type { GitHubRepository } from './repository.ts';

/** Where a packaged README's links point: a folder of a GitHub repository at a branch or tag. */
export interface ReadmeLocation {
  repository: GitHubRepository;
  ref: string;
  /** The README's folder relative to the repository root, with forward slashes ("plugins/sankey-panel"). */
  folder: string;
}

// An inline link or image on one line: [text](target) or [text](target "title"), the form the plugin
// validator reads (reference-style links and HTML <img> are not used in our READMEs).
const inlineLink = /(!?)\[([^\]\n]*)\]\(([^)\s]+)(\s+"[^"\n]*")?\)/g;
const hasScheme = /^[a-z][a-z\d+.-]*:/i;

/**
 * Rewrites the README's relative links to absolute URLs in the repository, because Grafana's plugin
 * catalog shows the README away from its files: images become raw.githubusercontent.com URLs (the
 * file itself, which an <img> can show), other links github.com pages. Anchors and URLs stay as they are.
 */
export function absoluteReadmeLinks(markdown: string, location: ReadmeLocation): string {
  return markdown.replace(inlineLink, (link, bang: string, text: string, target: string, title = '') => {
    if (target.startsWith('#') || target.startsWith('//') || hasScheme.test(target)) {
      return link;
    }
    return `${bang}[${text}](${absoluteUrl(target, bang === '!', location)}${title})`;
  });
}

function absoluteUrl(target: string, image: boolean, { repository, ref, folder }: ReadmeLocation): string {
  const split = /[?#]/.exec(target);
  const path = split ? target.slice(0, split.index) : target;
  const suffix = split ? target.slice(split.index) : '';
  // A leading slash means the repository root, as on GitHub.
  const inRepo = posix.normalize(path.startsWith('/') ? path.slice(1) : posix.join(folder, path));
  if (inRepo === '..' || inRepo.startsWith('../')) {
    throw new Error(`README link "${target}" in ${folder} points outside the repository`);
  }
  const { owner, name } = repository;
  return image
    ? `https://raw.githubusercontent.com/${owner}/${name}/${ref}/${inRepo}${suffix}`
    : `https://github.com/${owner}/${name}/blob/${ref}/${inRepo}${suffix}`;
}
