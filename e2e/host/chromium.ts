/**
 * How this project runs Chromium: Debian's build (Playwright cannot download its own here) with flags
 * that keep it from reaching the network or doing background work that would skew timings.
 */
export const chromiumExecutablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** One look for every render, screenshot and timing: fixed size, scale, zone and locale. */
export const hostPageContext = {
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
  timezoneId: 'UTC',
  locale: 'en-US',
} as const;
