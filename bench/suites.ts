import { evidenceBench } from './evidence.bench';
import { questionnairesBench } from './questionnaires.bench';
import { reportBench } from './report.bench';
import type { BenchSuite } from './suite';
import { vaultBench } from './vault.bench';
import { wizardBench } from './wizard.bench';

/** Every benchmark `npm run bench` runs, in order. Add a suite with one line. */
export const suites: readonly BenchSuite[] = [
  vaultBench,
  questionnairesBench,
  reportBench,
  evidenceBench,
  wizardBench,
];
