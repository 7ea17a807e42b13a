import { screen, waitFor } from '@testing-library/react';

/*
 * Queries for @grafana/ui's Select and MultiSelect that hold on every Grafana the datasource supports:
 * Grafana 11.0 names every option "Select option" (so options are found by their text here) and marks
 * no container with a test id (so values are found beside the labelled input).
 */

/** The box holding what a Select or MultiSelect shows as chosen, found by the label of its input. */
function valueBox(label: string | RegExp): Element {
  const box = screen.getByLabelText(label).closest('[data-value]')?.parentElement;
  if (!box) {
    throw new Error(`the field labelled ${String(label)} is not a @grafana/ui Select`);
  }
  return box;
}

/** What a Select shows as chosen (it keeps its search input empty and shows the choice beside it). */
export function selectedText(label: string | RegExp): string {
  return valueBox(label).textContent ?? '';
}

/** The values a MultiSelect shows as pills, in order. */
export function pillNames(label: string | RegExp): string[] {
  return [...valueBox(label).querySelectorAll('button[aria-label="Remove"]')].map(
    (remove) => remove.parentElement?.textContent ?? ''
  );
}

/** The open menu's option whose text (label, then description) matches. */
export function getOption(text: RegExp): HTMLElement {
  const options = screen.queryAllByRole('option');
  const option = options.find((candidate) => text.test(candidate.textContent ?? ''));
  if (!option) {
    const shown = options.map((candidate) => candidate.textContent).join(' | ') || 'none';
    throw new Error(`no option matches ${String(text)}; the menu shows: ${shown}`);
  }
  return option;
}

/** The option as soon as the menu shows it (suggestions load when it opens). */
export function findOption(text: RegExp): Promise<HTMLElement> {
  return waitFor(() => getOption(text));
}
