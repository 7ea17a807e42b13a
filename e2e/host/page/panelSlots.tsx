/**
 * The panels on the host page, one React root per slot (like panels on a dashboard), and the render
 * call that turns a PanelSpec into PanelProps, renders them and times it until the browser painted.
 */
import {
  createTheme,
  EventBusSrv,
  type GrafanaTheme2,
  type PanelData,
  type PanelPlugin,
  type PanelProps,
  type TypedVariableModel,
} from '@grafana/data';
import { config, setTemplateSrv } from '@grafana/runtime';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { PanelSpec, RenderResult } from '../panelSpec.ts';
import { recordedEvents, recordEvent } from './hostEvents.ts';
import { PanelFrame } from './PanelFrame.tsx';
import { PageChrome } from './PageChrome.tsx';
import { preparePanelData } from './panelData.ts';
import { fieldConfigWithDefaults, optionsWithDefaults } from './panelOptions.ts';
import { loadPanelPlugin } from './pluginLoader.ts';
import { containsVariable, createReplaceVariables } from './templating.ts';
import { toQueryResult } from './queryResult.ts';
import { toTimeRange } from './timeRange.ts';

const defaultSize = { width: 800, height: 450 };

interface Slot {
  name: string;
  position: number;
  element: HTMLElement;
  root: Root;
  renderCounter: number;
  eventBus: EventBusSrv;
  lastSpec?: PanelSpec;
  lastData?: PanelData;
  /** Resolvers of render calls waiting for React to commit their renderCounter. */
  commitWaiters: Map<number, () => void>;
  onCommit: (renderCounter: number) => void;
  callbacks: Pick<PanelProps, 'onOptionsChange' | 'onFieldConfigChange' | 'onChangeTimeRange'>;
}

const themes = new Map<string, GrafanaTheme2>();

function themeFor(mode: 'light' | 'dark'): GrafanaTheme2 {
  let theme = themes.get(mode);
  if (!theme) {
    theme = createTheme({ colors: { mode } });
    themes.set(mode, theme);
  }
  return theme;
}

/** Resolves once the frame holding the current DOM has been painted (a task queued from rAF runs after paint). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    })
  );
}

export class PanelSlots {
  private readonly slots = new Map<string, Slot>();
  private readonly plugins = new Map<string, Promise<PanelPlugin>>();
  private readonly pageChrome: Root;
  private pageTheme?: GrafanaTheme2;
  private slotsCreated = 0;

  constructor(private readonly container: HTMLElement) {
    const chromeElement = document.createElement('div');
    document.body.append(chromeElement);
    this.pageChrome = createRoot(chromeElement);
  }

  async render(spec: PanelSpec): Promise<RenderResult> {
    const loadStart = performance.now();
    const plugin = await this.plugin(spec.pluginId);
    const loadMs = performance.now() - loadStart;
    const slot = this.slot(spec.slot ?? 'main');
    const theme = themeFor(spec.theme ?? 'dark');
    // Outside the timing: a theme change restyles the whole page in Grafana too, not just this panel.
    this.applyPageTheme(theme);

    const start = performance.now();
    const panelProps = this.panelProps(spec, slot, plugin, theme);
    const prepareMs = performance.now() - start;

    const { renderCounter } = panelProps;
    const committed = new Promise<void>((resolve) => slot.commitWaiters.set(renderCounter, resolve));
    slot.root.render(
      <PanelFrame
        slot={slot.name}
        Panel={plugin.panel!}
        panelProps={panelProps}
        theme={theme}
        onCommit={slot.onCommit}
        onPanelError={(error, componentStack) =>
          recordEvent({
            type: 'panelError',
            slot: slot.name,
            renderCounter,
            message: error.message,
            stack: error.stack,
            componentStack,
          })
        }
      />
    );
    await committed;
    await afterNextPaint();
    const renderMs = performance.now() - start;

    const panelError = recordedEvents().find(
      (event) => event.type === 'panelError' && event.slot === slot.name && event.renderCounter === renderCounter
    );
    return {
      renderMs,
      prepareMs,
      loadMs,
      renderCounter,
      ...(panelError?.type === 'panelError' ? { panelError: panelError.message } : {}),
    };
  }

  /** What Grafana's panel renderer computes before it renders: PanelData, merged options, callbacks. */
  private panelProps(spec: PanelSpec, slot: Slot, plugin: PanelPlugin, theme: GrafanaTheme2): PanelProps {
    const timeZone = spec.timeZone ?? 'browser';
    const timeRange = toTimeRange(spec.timeRange, timeZone);
    const variables = spec.variables ?? {};
    const replaceVariables = createReplaceVariables({ variables, timeRange });
    // Panels that ask getTemplateSrv() see the same variables (the last render's, as on one dashboard).
    setTemplateSrv({
      getVariables: () =>
        Object.entries(variables).map(
          ([name, value]) =>
            ({ name, type: 'custom', current: { text: value, value } }) as unknown as TypedVariableModel
        ),
      replace: (target, scopedVars, format) => replaceVariables(target ?? '', scopedVars, format),
      containsTemplate: containsVariable,
      updateTimeRange: () => undefined,
    });
    const fieldConfig = fieldConfigWithDefaults(plugin, spec.fieldConfig);
    const { frames, errors } = toQueryResult(spec);
    const data = preparePanelData({
      plugin,
      frames,
      errors,
      fieldConfig,
      theme,
      replaceVariables,
      timeRange,
      timeZone,
      previous: slot.lastData,
    });
    slot.lastSpec = spec;
    slot.lastData = data;
    return {
      id: spec.id ?? slot.position,
      title: spec.title ?? '',
      data,
      timeRange,
      timeZone,
      options: optionsWithDefaults(plugin, spec.options),
      fieldConfig,
      transparent: spec.transparent ?? false,
      width: spec.width ?? defaultSize.width,
      height: spec.height ?? defaultSize.height,
      renderCounter: ++slot.renderCounter,
      eventBus: slot.eventBus,
      replaceVariables,
      ...slot.callbacks,
    };
  }

  private applyPageTheme(theme: GrafanaTheme2) {
    // Some @grafana/ui code reads the theme from config rather than context, as in Grafana.
    config.theme2 = theme;
    config.theme = theme.v1;
    if (theme !== this.pageTheme) {
      // Synchronously, so the portal container exists before a panel's first tooltip looks for it.
      flushSync(() => this.pageChrome.render(<PageChrome theme={theme} />));
      this.pageTheme = theme;
    }
  }

  async unmount(name = 'main'): Promise<void> {
    const slot = this.slots.get(name);
    if (!slot) {
      return;
    }
    slot.root.unmount();
    slot.element.remove();
    this.slots.delete(name);
    await afterNextPaint();
  }

  private plugin(pluginId: string): Promise<PanelPlugin> {
    let plugin = this.plugins.get(pluginId);
    if (!plugin) {
      plugin = loadPanelPlugin(pluginId);
      this.plugins.set(pluginId, plugin);
      // A failed load is tried again next time: the plugin may have been built meanwhile.
      plugin.catch(() => this.plugins.delete(pluginId));
    }
    return plugin;
  }

  private slot(name: string): Slot {
    const existing = this.slots.get(name);
    if (existing) {
      return existing;
    }
    const element = document.createElement('div');
    element.className = 'panel-slot';
    this.container.append(element);
    const commitWaiters = new Map<number, () => void>();
    const slot: Slot = {
      name,
      position: ++this.slotsCreated,
      element,
      root: createRoot(element),
      renderCounter: 0,
      eventBus: new EventBusSrv(),
      commitWaiters,
      // React may fold quick successive renders into one commit: it answers every render up to it.
      onCommit: (renderCounter) => {
        for (const [waiting, resolve] of commitWaiters) {
          if (waiting <= renderCounter) {
            commitWaiters.delete(waiting);
            resolve();
          }
        }
      },
      callbacks: {
        // Grafana saves what the panel asks for and renders again; the host does the same.
        onOptionsChange: (options) => {
          recordEvent({ type: 'optionsChange', slot: name, options });
          this.renderAgain(name, { options });
        },
        onFieldConfigChange: (fieldConfig) => {
          recordEvent({ type: 'fieldConfigChange', slot: name, fieldConfig });
          this.renderAgain(name, { fieldConfig: fieldConfig as PanelSpec['fieldConfig'] });
        },
        // Recorded only: in Grafana this changes the dashboard's time range and runs the queries again.
        onChangeTimeRange: ({ from, to }) => recordEvent({ type: 'timeRangeChange', slot: name, from, to }),
      },
    };
    this.slots.set(name, slot);
    return slot;
  }

  private renderAgain(name: string, change: Partial<PanelSpec>) {
    const lastSpec = this.slots.get(name)?.lastSpec;
    if (lastSpec) {
      this.render({ ...lastSpec, ...change }).catch((error) =>
        console.error(`Re-rendering panel slot "${name}" after a panel callback failed:`, error)
      );
    }
  }
}
