/** Panel options as saved in the dashboard JSON; defaults and checks live in optionDefaults.ts. */
export interface PolicyOptions {
  /** Whether recommended policies start selected (review by leaving out) or not (review by picking). */
  initialSelection: InitialSelection;
  layout: ReviewLayout;
  /** Show how many observed connections each policy allows, and list them on expand. */
  showObserved: boolean;
  /** File name of the Download button; template variables are interpolated. */
  fileName: string;
}

export type InitialSelection = 'all' | 'none';

/** YAML beside the list (side), under it (stacked), or beside it when the panel is wide enough (auto). */
export type ReviewLayout = 'auto' | 'side' | 'stacked';
