import type { SelectableValue } from '@grafana/data';

/** Enough options to scroll through; typing narrows them. */
const shownOptions = 200;

/**
 * What a name or value picker suggests for the text typed so far: the dashboard's variables first
 * (`$namespace`), then the values the flows hold, each containing the text (any case).
 */
export function suggestionOptions(
  variableNames: string[],
  values: string[],
  input: string
): Array<SelectableValue<string>> {
  const needle = input.toLowerCase();
  const matches = (text: string) => text.toLowerCase().includes(needle);
  const variables = variableNames
    .map((name) => `$${name}`)
    .filter(matches)
    .map((variable) => ({ label: variable, value: variable, description: 'Template variable' }));
  const suggested = values.filter((value) => value !== '' && matches(value)).map((value) => ({ label: value, value }));
  return [...variables, ...suggested].slice(0, shownOptions);
}
