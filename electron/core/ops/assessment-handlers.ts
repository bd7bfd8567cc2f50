import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { assessmentOperations } from '../../../shared/api/ops/assessments';
import { AssessmentService } from '../assessments/assessment-service';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import { loadCatalogue, type Catalogue } from '../questionnaires/catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR } from '../questionnaires/definition-files';
import { warmUpReportWorker } from '../report/render-in-worker';
import type { VaultService } from '../vault/vault-service';
import type { QuestionnaireFolders } from './questionnaire-handlers';

export interface AssessmentHandlerOptions extends QuestionnaireFolders {
  /** The clock; tests pass a fixed one. */
  readonly now?: () => Date;
}

/** The name, or the name with " (2)", " (3)"... when the folder has it already. */
function unusedName(folder: string, name: string): string {
  const extension = extname(name);
  const stem = name.slice(0, name.length - extension.length);
  let candidate = name;
  for (let index = 2; existsSync(join(folder, candidate)); index += 1) {
    candidate = `${stem} (${String(index)})${extension}`;
  }
  return candidate;
}

export function assessmentHandlers(
  context: CoreContext,
  vault: VaultService,
  options: AssessmentHandlerOptions = {},
): HandlersFor<typeof assessmentOperations> {
  const log = context.log.child('assessments');
  let loading: Promise<Catalogue> | null = null;
  // The catalogue is read on first use; a failed read is retried on the next call.
  const catalogue = (): Promise<Catalogue> => {
    if (loading === null) {
      const attempt = loadCatalogue({
        bundledDir: options.bundledDir ?? BUNDLED_QUESTIONNAIRES_DIR,
        userDir: options.userDir ?? join(context.dataDir, 'questionnaires'),
        log,
      });
      loading = attempt;
      attempt.catch(() => {
        if (loading === attempt) loading = null;
      });
    }
    return loading;
  };
  const assessments = new AssessmentService({
    vault,
    catalogue,
    door: context.door,
    log: context.log,
    ...(options.now === undefined ? {} : { now: options.now }),
  });

  return {
    listAssessments: () => assessments.listAssessments(),
    createAssessment: (input) => assessments.createAssessment(input),
    createNextYearAssessment: (input) => assessments.createNextYearAssessment(input),
    getAssessment: ({ assessmentId }) => assessments.getAssessment(assessmentId),
    saveAssessmentDetails: (input) => assessments.saveAssessmentDetails(input),
    saveMerchantProfile: (input) => assessments.saveMerchantProfile(input),
    saveLevelInputs: (input) => assessments.saveLevelInputs(input),
    saveSaqChoice: (input) => assessments.saveSaqChoice(input),
    saveSaqAnswers: (input) => assessments.saveSaqAnswers(input),
    saveExecutiveSummary: (input) => assessments.saveExecutiveSummary(input),
    saveDueDates: (input) => assessments.saveDueDates(input),
    saveAnswer: (input) => assessments.saveAnswer(input),
    setResumePosition: ({ assessmentId, position }) =>
      assessments.setResumePosition(assessmentId, position),
    getReview: ({ assessmentId }) => assessments.getReview(assessmentId),
    saveAttestation: (input) => assessments.saveAttestation(input),
    signAssessment: async (input, call) => {
      const signed = await assessments.signAssessment(input);
      // In the app, exporting the report is the next step after signing: start
      // the report worker now, while the person reads the signed attestation.
      // A command line run ends instead, and must not wait for a worker.
      if (call.door !== 'cli') {
        warmUpReportWorker().catch((error: unknown) => {
          log.warn('report worker warm-up failed', {
            errorName: error instanceof Error ? error.name : typeof error,
          });
        });
      }
      return signed;
    },
    exportReport: async ({ assessmentId, variant }, call) => {
      const folder = join(context.dataDir, 'exports');
      await mkdir(folder, { recursive: true, mode: 0o700 });
      return assessments.exportReport({
        assessmentId,
        variant,
        destination: (name) => join(folder, unusedName(folder, name)),
        onProgress: (stage, done, total) => {
          call.progress(done, total, stage);
        },
        signal: call.signal,
      });
    },
    reopenAssessment: ({ assessmentId, reason }) =>
      assessments.reopenAssessment(assessmentId, reason),
  };
}
