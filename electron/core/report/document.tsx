/** @jsxRuntime automatic */
// The pragma above pins the automatic JSX runtime for tsx and workers, which
// otherwise fall back to the classic transform under the solution-style
// root tsconfig and fail with "React is not defined".
import { Document } from '@react-pdf/renderer';
import { saqEditionLabel } from './model';
import { rowLabel, type ReportDocumentProps } from './report-layout';
import { Cover, Section1 } from './report-front';
import { AppendixB, ExplanationAppendix, Section2Pages } from './report-questionnaire';
import { Part4, Section3 } from './report-attestation';
import { EvidenceIndex, RecordIntegrity } from './report-record';
export type { ReportDocumentProps } from './report-layout';
export { formatSize } from './report-record';

/** The whole report, or the AOC alone (Sections 1 and 3), as react-pdf elements. */
export function ReportDocument(props: ReportDocumentProps) {
  const { model, variant } = props;
  const full = variant === 'full';
  const answers = model.answers;
  const notApplicable = answers.filter((row) => row.notApplicableReason !== null);
  const notTested = answers.filter((row) => row.notTested !== null);
  const isSaqD = model.validation.assessmentScope !== null;
  const label = saqEditionLabel(model.saq);

  return (
    <Document
      title={`${full ? 'Record of responses' : 'Attestation of Compliance'}: ${label} - ${model.merchant.companyName}`}
      author={model.merchantAttestation.signerName}
      subject={`Record of responses to ${label}, prepared with ${props.productName}; the official PCI SSC form is authoritative.`}
      keywords={`PCI DSS, ${model.saq.name}, self-assessment, attestation of compliance`}
      creator={`${props.productName} ${props.productVersion}`}
      producer={`${props.productName} ${props.productVersion}`}
      creationDate={new Date(model.generatedAt)}
      modificationDate={new Date(model.generatedAt)}
      pageMode="useOutlines"
    >
      <Cover {...props} />
      <Section1 {...props} />
      {full ? <Section2Pages {...props} /> : null}
      {full ? <AppendixB {...props} /> : null}
      {full ? (
        <ExplanationAppendix
          props={props}
          title="Appendix C: Explanation of Requirements Noted as Not Applicable"
          empty="No requirement was answered Not Applicable."
          columns={[
            { title: 'Requirement', width: 1 },
            { title: 'Reason the requirement is not applicable', width: 4 },
          ]}
          rows={notApplicable.map((row) => [rowLabel(row), row.notApplicableReason ?? ''])}
        />
      ) : null}
      {full && (isSaqD || notTested.length > 0) ? (
        <ExplanationAppendix
          props={props}
          title="Appendix D: Explanation of Requirements Noted as Not Tested"
          empty="No requirement was answered Not Tested."
          columns={[
            { title: 'Requirement', width: 1 },
            { title: 'What was not tested', width: 2.5 },
            { title: 'Why it was left out', width: 2.5 },
          ]}
          rows={notTested.map((row) => [
            rowLabel(row),
            row.notTested?.description ?? '',
            row.notTested?.reason ?? '',
          ])}
        />
      ) : null}
      <Section3 {...props} />
      {model.actionPlan === null ? null : <Part4 {...props} />}
      {full ? <EvidenceIndex {...props} /> : null}
      <RecordIntegrity {...props} />
    </Document>
  );
}
