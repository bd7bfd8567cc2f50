import type { assessmentOperations } from '../../../shared/api/ops/assessments';
import { OperationError } from '../../../shared/api/result';
import type { CoreContext } from '../core-context';
import type { HandlersFor } from '../dispatch';
import type { VaultService } from '../vault/vault-service';

const pending = (): never => {
  throw new OperationError('NOT_IMPLEMENTED_HERE', 'Assessments are being built.');
};

export function assessmentHandlers(
  _context: CoreContext,
  _vault: VaultService,
): HandlersFor<typeof assessmentOperations> {
  return {
    listAssessments: pending,
    createAssessment: pending,
    createNextYearAssessment: pending,
    getAssessment: pending,
    saveMerchantProfile: pending,
    saveLevelInputs: pending,
    saveSaqChoice: pending,
    saveExecutiveSummary: pending,
    saveDueDates: pending,
    saveAnswer: pending,
    setResumePosition: pending,
    getReview: pending,
    saveAttestation: pending,
    signAssessment: pending,
    reopenAssessment: pending,
  };
}
