import { startBrowserMode } from './browser-mode';

/** `npm run browser`: serve browser mode until interrupted. */
const mode = await startBrowserMode();
process.stdout.write(
  [
    'PCI SAQ Assistant is running in browser mode.',
    `Open this address (it holds this launch's access key; keep it private): ${mode.host.url}`,
    'Use a separate browser profile without extensions for it. Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

const stop = () => {
  void mode.stop().finally(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
