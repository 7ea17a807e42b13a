import type { SelectableValue } from '@grafana/data';
import { useCallback, useRef, useState } from 'react';

export type LoadSuggestions = (input: string) => Promise<Array<SelectableValue<string>>>;

/**
 * Options for a Select or MultiSelect, asked of `load` when its menu opens and again as the user types.
 * Not when the editor mounts, as AsyncSelect's defaultOptions would: each first ask is a query on the
 * flows table, and most pickers are never opened.
 */
export function useSuggestions(load: LoadSuggestions) {
  const [options, setOptions] = useState<Array<SelectableValue<string>>>([]);
  const [isLoading, setLoading] = useState(false);
  const latest = useRef(0);
  const ask = useCallback(
    (input: string) => {
      const asked = ++latest.current;
      setLoading(true);
      // A failed lookup only means no suggestions: the user can still type a value.
      const loaded = load(input).catch(() => []);
      void loaded.then((suggestions) => {
        // An answer for older text must not replace the one for what is typed now.
        if (asked === latest.current) {
          setOptions(suggestions);
          setLoading(false);
        }
      });
    },
    [load]
  );
  return {
    options,
    isLoading,
    onOpenMenu: () => ask(''),
    onInputChange: (input: string, { action }: { action: string }) => {
      if (action === 'input-change') {
        ask(input);
      } else if (action === 'set-value') {
        // A multi-select stays open after a pick, with the text cleared: show everything again.
        ask('');
      }
    },
  };
}
