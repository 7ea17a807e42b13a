import { type InitialSelection, type PolicyOptions, type ReviewLayout } from './types';

export const defaultPolicyOptions: PolicyOptions = {
  initialSelection: 'all',
  layout: 'auto',
  showObserved: true,
  fileName: 'flowlens-policies.yaml',
};

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/**
 * Options as saved may come from an older version, hand-edited JSON or provisioning: every option is
 * checked and falls back to its default, so no saved value can break the panel.
 */
export function withDefaults(saved: Partial<PolicyOptions> | undefined): PolicyOptions {
  const options: Partial<Record<keyof PolicyOptions, unknown>> = saved ?? {};
  const d = defaultPolicyOptions;
  return {
    initialSelection: oneOf<InitialSelection>(options.initialSelection, ['all', 'none'], d.initialSelection),
    layout: oneOf<ReviewLayout>(options.layout, ['auto', 'side', 'stacked'], d.layout),
    showObserved: typeof options.showObserved === 'boolean' ? options.showObserved : d.showObserved,
    fileName:
      typeof options.fileName === 'string' && options.fileName.trim() !== '' ? options.fileName.trim() : d.fileName,
  };
}
