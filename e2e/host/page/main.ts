/**
 * Entry of the panel host page: sets up what Grafana's app sets up before it renders a panel, then
 * offers `window.flowlensHost` to tests and benchmarks (see ../panelSpec.ts for the contract).
 */
import type { FlowlensHostApi } from '../panelSpec.ts';
import { clearRecordedEvents, recordedEvents, recordEvent } from './hostEvents.ts';
import { recordNavigation } from './navigation.ts';
import { PanelSlots } from './panelSlots.tsx';
import { describePlugin, sharedModuleValue } from './pluginLoader.ts';
import { registerStandardOptions } from './standardOptions.ts';

function recordPageErrors() {
  window.addEventListener('error', (event) =>
    recordEvent({ type: 'pageError', message: event.message, stack: event.error?.stack })
  );
  window.addEventListener('unhandledrejection', (event) =>
    recordEvent({
      type: 'pageError',
      message: String(event.reason?.message ?? event.reason),
      stack: event.reason?.stack,
    })
  );
}

registerStandardOptions();
recordNavigation();
recordPageErrors();

const container = document.getElementById('panels');
if (!container) {
  throw new Error('The host page has no #panels element');
}
const slots = new PanelSlots(container);

const api: FlowlensHostApi = {
  render: (spec) => slots.render(spec),
  events: recordedEvents,
  clearEvents: clearRecordedEvents,
  unmount: (slot) => slots.unmount(slot),
  loadPlugin: describePlugin,
  sharedModule: sharedModuleValue,
};
window.flowlensHost = api;
