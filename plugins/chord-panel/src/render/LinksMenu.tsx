import React from 'react';
import { type LinkModel } from '@grafana/data';
import { ContextMenu, MenuItem } from '@grafana/ui';
import { followLink } from './ribbonLinks';

interface Props {
  x: number;
  y: number;
  links: LinkModel[];
  onClose: () => void;
}

/** Several data links on one ribbon: a menu of them at the click, as Grafana's panels offer. */
export function LinksMenu({ x, y, links, onClose }: Props) {
  return (
    <ContextMenu
      x={x}
      y={y}
      onClose={onClose}
      focusOnOpen={false}
      renderMenuItems={() =>
        links.map((link, index) => (
          <MenuItem
            key={index}
            label={link.title || link.href}
            icon="external-link-alt"
            url={link.href}
            target={link.target}
            onClick={(event) => {
              if (link.onClick) {
                event.preventDefault();
                followLink(link, event);
              }
              onClose();
            }}
          />
        ))
      }
    />
  );
}
