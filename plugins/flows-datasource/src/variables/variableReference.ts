/**
 * The name of the template variable a text refers to when the whole text is one reference, in any of
 * Grafana's spellings: `$name`, `${name}`, `${name:format}`, `${name.path}`, `[[name]]`,
 * `[[name:format]]`. Anything else (no variable, or text around it) gives undefined.
 */
const wholeReference = /^\$(\w+)$|^\$\{(\w+)(?:\.[^:}]+)?(?::[^}]+)?\}$|^\[\[(\w+)(?::\w+)?\]\]$/;

export function referencedVariable(text: string): string | undefined {
  const match = wholeReference.exec(text.trim());
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}
