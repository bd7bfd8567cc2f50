import { silentLogger } from '../electron/core/log/logger';
import { loadCatalogue } from '../electron/core/questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../electron/core/questionnaires/definition-files';
import { formatMs, summarize, type BenchSuite } from './suite';

const RUNS = 30;

/** Loading and validating the bundled definitions, and resolving the largest SAQ. */
export const questionnairesBench: BenchSuite = {
  name: 'questionnaires',
  async run(print) {
    const loads: number[] = [];
    const resolves: number[] = [];
    let payload = 0;

    for (let run = 0; run < RUNS; run += 1) {
      const started = performance.now();
      const catalogue = await loadCatalogue({
        bundledDir: BUNDLED_QUESTIONNAIRES_DIR,
        log: silentLogger,
      });
      loads.push(performance.now() - started);

      const resolving = performance.now();
      const saq = catalogue.resolve('saq-d-merchant-v4.0.1');
      resolves.push(performance.now() - resolving);
      payload = JSON.stringify(saq).length;
    }

    const load = summarize(loads);
    const resolve = summarize(resolves);
    print(
      `load + validate bundled catalogue: median ${formatMs(load.median)}, max ${formatMs(load.max)} (${RUNS} runs)`,
    );
    print(
      `resolve SAQ D for Merchants: median ${formatMs(resolve.median)}, max ${formatMs(resolve.max)}`,
    );
    print(`SAQ D resolved payload: ${(payload / 1024).toFixed(1)} KiB of JSON`);
  },
};
