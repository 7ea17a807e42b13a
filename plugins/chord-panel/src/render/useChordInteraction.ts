import { useCallback, useMemo, useState } from 'react';
import { type LinkModel } from '@grafana/data';
import { type ChordLayout } from '../layout/chordLayout';

export type Hover = { kind: 'group'; index: number } | { kind: 'ribbon'; id: number };

export interface LinksMenu {
  x: number;
  y: number;
  links: LinkModel[];
}

/**
 * Hover, isolation and the links menu of one panel instance. All of it is React state of this
 * component: nothing is shared between panels and nothing reaches into the page.
 */
export function useChordInteraction(layout: ChordLayout) {
  const [hover, setHover] = useState<Hover>();
  const [pointer, setPointer] = useState<{ x: number; y: number }>();
  // Locked by key, not index: a refresh that reorders arcs keeps the same group isolated.
  const [lockedKey, setLockedKey] = useState<string>();
  const [menu, setMenu] = useState<LinksMenu>();

  const lockedIndex = useMemo(() => {
    const index = layout.arcs.findIndex((arc) => arc.group.key === lockedKey);
    return index >= 0 ? index : undefined;
  }, [layout, lockedKey]);
  const hoveredGroup = hover?.kind === 'group' ? hover.index : undefined;
  const isolated = lockedIndex ?? hoveredGroup;
  const hoveredRibbon = hover?.kind === 'ribbon' ? layout.ribbons[hover.id] : undefined;

  const toggleLock = useCallback(
    (index: number) => {
      const key = layout.arcs[index]?.group.key;
      setLockedKey((current) => (current === key ? undefined : key));
    },
    [layout]
  );
  const reset = useCallback(() => {
    setLockedKey(undefined);
    setMenu(undefined);
  }, []);

  return {
    hover,
    setHover,
    pointer,
    setPointer,
    isolated,
    locked: lockedIndex,
    hoveredRibbon,
    toggleLock,
    reset,
    menu,
    setMenu,
  };
}
