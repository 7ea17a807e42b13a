/**
 * Options and field config as a panel receives them: the saved values over the plugin's defaults,
 * cleaned as Grafana's dashboard does when it loads a panel (getPanelOptionsWithDefaults).
 */
import {
  type FieldColorConfigSettings,
  FieldColorModeId,
  fieldColorModeRegistry,
  type FieldConfigOptionsRegistry,
  FieldConfigProperty,
  type FieldConfigSource,
  type PanelPlugin,
  type ThresholdsConfig,
  ThresholdsMode,
} from '@grafana/data';
import { cloneDeep, isPlainObject, mergeWith } from 'lodash';
import type { FieldConfigSourceJSON } from '../panelSpec.ts';

/** Saved arrays (threshold steps, mappings, links) replace the defaults instead of merging by index. */
function replaceArrays(_defaultValue: unknown, savedValue: unknown): unknown {
  return Array.isArray(savedValue) ? savedValue : undefined;
}

export function optionsWithDefaults(plugin: PanelPlugin, saved: Record<string, unknown> = {}): Record<string, unknown> {
  return mergeWith({}, plugin.defaults, cloneDeep(saved), replaceArrays);
}

export function fieldConfigWithDefaults(plugin: PanelPlugin, saved: FieldConfigSourceJSON = {}): FieldConfigSource {
  const registry = plugin.fieldConfigRegistry;
  const savedDefaults = cloneDeep(saved.defaults ?? {});
  const defaults = mergeWith({}, plugin.fieldConfigDefaults.defaults, savedDefaults, replaceArrays);
  dropUnknownProperties(defaults, '', registry);
  if (defaults.thresholds) {
    fixThresholds(defaults.thresholds);
  }
  const overrides = cloneDeep(saved.overrides ?? [])
    .map((rule) => ({ ...rule, properties: rule.properties.filter((property) => registry.getIfExists(property.id)) }))
    .filter((rule) => rule.properties.length > 0);
  for (const property of overrides.flatMap((rule) => rule.properties)) {
    if (property.id === 'thresholds') {
      fixThresholds(property.value as ThresholdsConfig);
    }
  }
  const fieldConfig = { defaults, overrides } as FieldConfigSource;
  // Saved dashboards always carry a colour mode; without one this is a panel just added, which Grafana
  // gives the colour mode the plugin prefers.
  if (!savedDefaults.color) {
    preferPluginColorMode(fieldConfig, registry);
  }
  return fieldConfig;
}

/** Grafana drops saved field config that the plugin's registry does not know. */
function dropUnknownProperties(
  config: Record<string, unknown>,
  parentPath: string,
  registry: FieldConfigOptionsRegistry
) {
  for (const [name, value] of Object.entries(config)) {
    const path = `${parentPath}${name}`;
    if (registry.getIfExists(path)) {
      continue;
    }
    if (isPlainObject(value)) {
      dropUnknownProperties(value as Record<string, unknown>, `${path}.`, registry);
    } else {
      delete config[name];
    }
  }
}

/** JSON cannot hold -Infinity: the first threshold step is saved as null and means "base". */
function fixThresholds(thresholds: ThresholdsConfig) {
  thresholds.mode ??= ThresholdsMode.Absolute;
  thresholds.steps ??= [];
  const base = thresholds.steps[0];
  if (base) {
    base.value = -Infinity;
  }
}

function preferPluginColorMode(fieldConfig: FieldConfigSource, registry: FieldConfigOptionsRegistry) {
  const settings = registry.getIfExists(FieldConfigProperty.Color)?.settings as FieldColorConfigSettings | undefined;
  if (!settings) {
    return;
  }
  const mode = fieldColorModeRegistry.getIfExists(fieldConfig.defaults.color?.mode);
  if (!settings.byValueSupport && (!mode || mode.isByValue)) {
    fieldConfig.defaults.color = { mode: FieldColorModeId.PaletteClassic };
  } else if (settings.byValueSupport && settings.preferThresholdsMode && (!mode || !mode.isByValue)) {
    fieldConfig.defaults.color = { mode: FieldColorModeId.Thresholds };
  }
}
