/** A file name that is safe to save: no folders or characters file systems refuse, ending in .yaml. */
export function yamlFileName(requested: string): string {
  const base = [...requested]
    // Control characters, then the ones Windows and macOS refuse in names.
    .map((char) => (char.charCodeAt(0) < 32 ? '-' : char))
    .join('')
    .replace(/[/\\?%*:|"<>]/g, '-')
    .trim()
    .replace(/^\.+/, '');
  const name = base === '' ? 'flowlens-policies' : base;
  return /\.ya?ml$/i.test(name) ? name : `${name}.yaml`;
}

/** Saves the text as a file through the browser's download, as Grafana's own "Download" buttons do. */
export function downloadYaml(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = yamlFileName(fileName);
  // Not attached to the page: the click starts the download without navigating anywhere.
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
