import { useEffect, useState } from 'react';

/**
 * A number that changes whenever the page finishes loading web fonts. Label widths are measured
 * with the font the page has at layout time; if Inter arrives later, the labels grow, so the layout
 * must run again with the new widths.
 */
export function useFontsLoaded(): number {
  const [loads, setLoads] = useState(0);
  useEffect(() => {
    const fonts = typeof document === 'undefined' ? undefined : document.fonts;
    if (!fonts?.addEventListener) {
      return undefined;
    }
    const onLoaded = () => setLoads((count) => count + 1);
    fonts.addEventListener('loadingdone', onLoaded);
    return () => fonts.removeEventListener('loadingdone', onLoaded);
  }, []);
  return loads;
}
