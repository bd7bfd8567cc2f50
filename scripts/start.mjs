// `npm start` and `npm run browser`: see scripts/launcher.ts.
import { tsImport } from 'tsx/esm/api';

const launcher = await tsImport('./launcher.ts', import.meta.url);
await launcher.main(process.argv.slice(2));
