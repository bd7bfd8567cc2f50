import type { OperationInput, OperationName, OperationResult } from '../../../shared/api/contract';
import type { assessmentOperations } from '../../../shared/api/ops/assessments';
import type { Response } from '../../../shared/domain/responses';
import type { CallResult } from '../app-core';
import { OperationError } from '../../../shared/api/result';

/**
 * A realistic complete sample: a small online shop on SAQ A that embeds its
 * payment provider's form. A few requirements are Not Applicable with their
 * explanations (no paper records), one is met with a compensating control
 * (worksheet filled in) and one is Not in Place, so the result is
 * Non-Compliant with a Target Date for Compliance. Used by tests, by the
 * browser tests' helper and by `pci-saq sample`.
 *
 * Every name, address and number in it is invented.
 */

export const SAMPLE_QUESTIONNAIRE_ID = 'saq-a-v4.0.1-r1';

type AssessmentOpName = keyof typeof assessmentOperations & OperationName;

/** Calls one assessment operation and returns its value (or throws its error). */
export type InvokeOperation = <N extends AssessmentOpName>(
  name: N,
  input: OperationInput<N>,
) => Promise<OperationResult<N>>;

/** An `InvokeOperation` over a core's `call` (or any door that returns results). */
export function invokeThrough(
  call: (name: string, input: unknown) => Promise<CallResult>,
): InvokeOperation {
  return async <N extends AssessmentOpName>(name: N, input: OperationInput<N>) => {
    const result = await call(name, input);
    if (!result.ok) {
      throw new OperationError(result.error.code, result.error.message, result.error.path);
    }
    return result.value as OperationResult<N>;
  };
}

export const SAMPLE_MERCHANT = {
  companyName: 'Harbour Lane Ceramics Ltd',
  dba: 'Harbour Lane',
  mailingAddress: '14 Quay Street, Porthaven PH1 2AB, United Kingdom',
  website: 'https://harbourlane.example',
  contactName: 'Morgan Ellis',
  contactTitle: 'Director',
  phone: '+44 20 7946 0000',
  email: 'morgan@harbourlane.example',
} as const;

export const SAMPLE_PERIOD = { periodStart: '2026-01-01', periodEnd: '2026-12-31' } as const;

/** Rows answered Not Applicable, with the Appendix C explanation. */
export const SAMPLE_NOT_APPLICABLE: Readonly<Record<string, string>> = {
  '3.1.1':
    'We keep no account data on paper or anywhere else; card details are entered only in the ' +
    "payment provider's form, so there is no stored account data for these policies to govern.",
  '3.2.1':
    'No account data is stored by us in any form; the payment provider keeps it on our behalf.',
  '9.4.1':
    'We hold no media with cardholder data: no paper records, no electronic media, no backups.',
  '9.4.1.1': 'We make no offline backups containing cardholder data; none is held by us.',
  '9.4.2': 'There is no media with cardholder data to classify.',
  '9.4.3': 'No media with cardholder data is ever sent outside our premises.',
  '9.4.4': 'No media with cardholder data is ever moved off-site, so no approval is needed.',
  '9.4.6': 'We print nothing that contains cardholder data, so there is no hard copy to destroy.',
};

/** The row met with a compensating control, and its Appendix B worksheet. */
export const SAMPLE_CCW_ROW = '8.3.9';
export const SAMPLE_CCW = {
  constraints:
    'The hosting control panel of our shop platform cannot force password changes, and the ' +
    'provider offers no dynamic analysis of account security.',
  objective:
    'Limit how long a stolen password can be used against the shop administration account.',
  identifiedRisk:
    'A password that is never changed could give lasting access to the shop back office.',
  definition:
    'Every administrator signs in with a one-time code from an authenticator app in addition ' +
    'to the password, and sign-ins from new devices are e-mailed to the director.',
  validation:
    'The director tried signing in without the one-time code on 3 November 2026 and was ' +
    'refused; the new-device e-mail arrived within a minute.',
  maintenance:
    'The two-step sign-in setting and the alert address are checked every quarter with the ' +
    'ASV scan review.',
} as const;

/** The row Not in Place, making the result Non-Compliant. */
export const SAMPLE_NOT_IN_PLACE_ROW = '12.10.1';

export const SAMPLE_ATTESTATION_DATES = {
  completionDate: '2026-11-20',
  signerDate: '2026-11-20',
  targetDateForCompliance: '2027-03-31',
} as const;

function responseFor(rowId: string): Response {
  if (rowId in SAMPLE_NOT_APPLICABLE) return 'not-applicable';
  if (rowId === SAMPLE_CCW_ROW) return 'in-place-ccw';
  if (rowId === SAMPLE_NOT_IN_PLACE_ROW) return 'not-in-place';
  return 'in-place';
}

export interface SampleOptions {
  /** Sign it too (default false: left as a completed draft ready to sign). */
  readonly sign?: boolean;
  readonly questionnaireId?: string;
}

export interface BuiltSample {
  readonly assessmentId: string;
  readonly answeredRows: number;
}

/** Creates the sample assessment through the operations, as the wizard would. */
export async function buildSampleAssessment(
  invoke: InvokeOperation,
  options: SampleOptions = {},
): Promise<BuiltSample> {
  const created = await invoke('createAssessment', {
    questionnaireId: options.questionnaireId ?? SAMPLE_QUESTIONNAIRE_ID,
    title: 'Harbour Lane online shop 2026',
    ...SAMPLE_PERIOD,
    companyName: SAMPLE_MERCHANT.companyName,
  });
  const assessmentId = created.id;

  await invoke('saveMerchantProfile', {
    assessmentId,
    merchant: SAMPLE_MERCHANT,
    assessor: { isaNames: [], qsa: null },
  });
  await invoke('saveLevelInputs', {
    assessmentId,
    inputs: {
      visa: { ecommerce: 41_200, cardPresent: 0, mailTelephoneOrder: 0 },
      mastercard: { ecommerce: 18_900, cardPresent: 0, mailTelephoneOrder: 0 },
    },
  });
  await invoke('saveSaqChoice', {
    assessmentId,
    questionnaireId: created.questionnaireId,
    profile: {
      serviceProvider: false,
      storesAccountDataElectronically: false,
      merchantSystemsHandleAccountData: false,
      processingOutsourcedToCompliantProviders: true,
      providersConfirmedCompliant: true,
      paperOnlyRetention: true,
      ecommerce: {
        integration: 'embedded-form',
        allPageElementsFromProvider: true,
        scriptProtection: 'provider-confirmation',
        pageElementsOnlyFromMerchantOrCompliantProvider: true,
        websiteHostedBy: 'compliant-provider',
      },
    },
  });

  const detail = await invoke('getAssessment', { assessmentId });
  await invoke('saveExecutiveSummary', {
    assessmentId,
    summary: {
      paymentChannels: { eCommerce: true, mailTelephoneOrder: false, cardPresent: false },
      cardholderFunctions: [
        {
          channel: 'E-commerce',
          how:
            "Customers enter card details in the payment provider's form embedded in our " +
            'checkout page; we never see, store or send them.',
        },
      ],
      environment: {
        description:
          'The shop runs on a hosted e-commerce platform. The checkout page embeds the payment ' +
          "provider's form in an inline frame served from the provider's own domain. Staff use " +
          'two laptops for the shop back office; no card data reaches them.',
        segmentationUsed: false,
        segmentationNote: '',
      },
      locations: [{ facilityType: 'Office and workshop', count: 1, cityCountry: 'Porthaven, UK' }],
      validatedProducts: { used: false, products: [] },
      serviceProviders: {
        storeProcessTransmit: true,
        manageComponents: true,
        couldAffectSecurity: true,
        providers: [
          {
            name: 'Example Payments plc',
            services: 'Payment page and card processing',
            storeProcessTransmit: true,
            manageComponents: false,
            couldAffectSecurity: true,
          },
          {
            name: 'Example Shop Hosting Ltd',
            services: 'Hosting of the shop website',
            storeProcessTransmit: false,
            manageComponents: true,
            couldAffectSecurity: true,
          },
        ],
      },
      keepsPaperRecords: false,
      eligibilityConfirmed: detail.eligibility.map((statement) => statement.id),
    },
  });
  await invoke('saveDueDates', {
    assessmentId,
    lastPassingAsvScanOn: '2026-10-15',
    serviceProvidersConfirmedOn: '2026-09-30',
  });

  const rowIds = (await invoke('getReview', { assessmentId })).items
    .filter((item) => item.target.screen === 'questionnaire' && item.severity === 'missing')
    .flatMap((item) => (item.target.rowId === undefined ? [] : [item.target.rowId]));
  for (const rowId of rowIds) {
    const response = responseFor(rowId);
    await invoke('saveAnswer', {
      assessmentId,
      rowId,
      response,
      payload:
        response === 'not-applicable'
          ? { notApplicableExplanation: SAMPLE_NOT_APPLICABLE[rowId] ?? '' }
          : response === 'in-place-ccw'
            ? { ccw: SAMPLE_CCW }
            : {},
      notes:
        response === 'not-in-place'
          ? 'Incident response plan drafted; to be approved and tested in Q1 2027.'
          : '',
      expectedRevision: 0,
    });
  }

  await invoke('saveAttestation', {
    assessmentId,
    attestation: {
      completionDate: SAMPLE_ATTESTATION_DATES.completionDate,
      targetDateForCompliance: SAMPLE_ATTESTATION_DATES.targetDateForCompliance,
      acknowledgements: detail.attestation.acknowledgementList.map((statement) => statement.id),
      signer: {
        name: SAMPLE_MERCHANT.contactName,
        title: SAMPLE_MERCHANT.contactTitle,
        date: SAMPLE_ATTESTATION_DATES.signerDate,
        signature: { kind: 'typed', text: SAMPLE_MERCHANT.contactName },
      },
      qsaInvolvement: null,
      isaInvolvement: null,
      acquirerAskedForActionPlan: false,
      actionPlan: {},
    },
  });

  if (options.sign === true) await invoke('signAssessment', { assessmentId });

  return { assessmentId, answeredRows: rowIds.length };
}
