import { questionnairesBench } from './questionnaires.bench';
import type { BenchSuite } from './suite';

/** Every benchmark `npm run bench` runs, in order. Add a suite with one line. */
export const suites: readonly BenchSuite[] = [questionnairesBench];
