/** The log tests read through `flowlensHost.events()`: navigations, panel callbacks and errors, in order. */
import type { HostEvent } from '../panelSpec.ts';

const recorded: HostEvent[] = [];

export function recordEvent(event: HostEvent): void {
  recorded.push(event);
}

export function recordedEvents(): HostEvent[] {
  return [...recorded];
}

export function clearRecordedEvents(): void {
  recorded.length = 0;
}
