import { type GrafanaTheme2, getFieldDisplayName } from '@grafana/data';
import { type ChordModel } from '../data/chordModel';
import { type FlowRow } from '../data/flowPairs';
import { type ChordLayout, type RibbonLayout } from '../layout/chordLayout';
import { cellText, type ColorFieldValue, colorFieldPainter, valueText } from './fieldDisplay';

/** Rows alike in everything the tooltip shows are one line with a count; this many lines at most. */
export const tooltipLineLimit = 12;

export interface TooltipLine {
  /** "pod-a → pod-b" when the ribbon touches "Other", whose rows come from several groups. */
  endpoints?: string;
  color?: ColorFieldValue;
  details: string[];
  count: number;
  value: string;
}

export interface TooltipSection {
  heading: string;
  total: string;
  lines: TooltipLine[];
  /** Lines beyond the limit: how many rows they hold and their value. */
  more?: { rows: number; value: string };
}

export interface RibbonTooltip {
  title: string;
  total: string;
  colorName?: string;
  detailNames: string[];
  sections: TooltipSection[];
}

export interface GroupTooltip {
  title: string;
  facts: Array<[string, string]>;
  members?: string[];
}

const arrow = ' → ';

function groupName(layout: ChordLayout, index: number): string {
  return layout.arcs[index]?.group.name ?? '';
}

function section(
  rows: FlowRow[],
  heading: string,
  model: ChordModel,
  theme: GrafanaTheme2,
  showEndpoints: boolean
): TooltipSection {
  const valueField = model.frames[0]?.value;
  const painters = new Map<number, ReturnType<typeof colorFieldPainter>>();
  const painterFor = (frame: number) => {
    const field = model.frames[frame]?.color;
    if (!field) {
      return undefined;
    }
    if (!painters.has(frame)) {
      painters.set(frame, colorFieldPainter(field, theme));
    }
    return painters.get(frame);
  };
  const lines = new Map<string, { line: Omit<TooltipLine, 'value'>; value: number }>();
  let total = 0;
  for (const row of rows) {
    total += row.value;
    const fields = model.frames[row.frame]!;
    const painter = painterFor(row.frame);
    const cell = fields.color?.values[row.row];
    const color = painter && cell !== null && cell !== undefined ? painter(cell) : undefined;
    const details = fields.details.map((field) => cellText(field, field.values[row.row], theme));
    const endpoints = showEndpoints ? `${row.source}${arrow}${row.target}` : undefined;
    const key = [endpoints, color?.text, ...details].join('\u0000');
    const existing = lines.get(key);
    if (existing) {
      existing.value += row.value;
      existing.line.count++;
    } else {
      lines.set(key, { line: { endpoints, color, details, count: 1 }, value: row.value });
    }
  }
  const sorted = [...lines.values()].sort((a, b) => b.value - a.value);
  const shown = sorted.slice(0, tooltipLineLimit);
  const hidden = sorted.slice(tooltipLineLimit);
  return {
    heading,
    total: valueText(valueField, total, theme),
    lines: shown.map(({ line, value }) => ({ ...line, value: valueText(valueField, value, theme) })),
    ...(hidden.length > 0
      ? {
          more: {
            rows: hidden.reduce((sum, { line }) => sum + line.count, 0),
            value: valueText(
              valueField,
              hidden.reduce((sum, { value }) => sum + value, 0),
              theme
            ),
          },
        }
      : {}),
  };
}

/**
 * What a ribbon stands for: its total and every row behind it (Theia's tooltip showed only the last
 * one), rows alike merged with a count, largest first; one section per direction when undirected.
 */
export function ribbonTooltip(
  ribbon: RibbonLayout,
  layout: ChordLayout,
  model: ChordModel,
  theme: GrafanaTheme2
): RibbonTooltip {
  const first = model.frames[0];
  const source = groupName(layout, ribbon.source.group);
  const target = groupName(layout, ribbon.target.group);
  const touchesOther = Boolean(
    layout.arcs[ribbon.source.group]?.group.isOther || layout.arcs[ribbon.target.group]?.group.isOther
  );
  const sections = ribbon.pairs
    .map((index) => model.pairs[index])
    .filter((pair) => pair !== undefined)
    .map((pair) => {
      const from = model.groups.find((group) => group.key === pair.source)?.name ?? pair.source;
      const to = model.groups.find((group) => group.key === pair.target)?.name ?? pair.target;
      return section(pair.rows, `${from}${arrow}${to}`, model, theme, touchesOther);
    });
  const colorField = model.frames.find((fields) => fields.color);
  return {
    title: ribbon.directed ? `${source}${arrow}${target}` : `${source} ⇄ ${target}`,
    total: valueText(first?.value, ribbon.value, theme),
    ...(colorField?.color ? { colorName: getFieldDisplayName(colorField.color, colorField.frame) } : {}),
    detailNames: first ? first.details.map((field) => getFieldDisplayName(field, first.frame)) : [],
    sections,
  };
}

/** Membership lists stop here; the count says how many more. */
export const memberListLimit = 10;

/** An arc's name in full (labels may be shortened or hidden), its traffic, and for "Other" who is in it. */
export function groupTooltip(
  arcIndex: number,
  layout: ChordLayout,
  model: ChordModel,
  theme: GrafanaTheme2
): GroupTooltip {
  const group = layout.arcs[arcIndex]!.group;
  const valueField = model.frames[0]?.value;
  const format = (value: number) => valueText(valueField, value, theme);
  let self = 0;
  const peers = new Set<string>();
  for (const pair of model.pairs) {
    if (pair.source === group.key && pair.target === group.key) {
      self += pair.value;
    } else if (pair.source === group.key) {
      peers.add(pair.target);
    } else if (pair.target === group.key) {
      peers.add(pair.source);
    }
  }
  const facts: Array<[string, string]> = [
    ['Outgoing', format(group.outgoing - self)],
    ['Incoming', format(group.incoming - self)],
  ];
  if (self > 0) {
    facts.push([group.isOther ? 'Within Other' : 'To itself', format(self)]);
  }
  facts.push(['Peers', String(peers.size)]);
  if (!group.isOther) {
    return { title: group.name, facts };
  }
  const members = group.members.slice(0, memberListLimit);
  if (group.members.length > memberListLimit) {
    members.push(`… and ${group.members.length - memberListLimit} more`);
  }
  return { title: `Other: ${group.members.length} groups`, facts, members };
}
