/** @jsxRuntime automatic */
// The pragma above: see document.tsx.
// Section 3 (Parts 3, 3a-3d) and the Part 4 action plan.
import { Image, Text, View } from '@react-pdf/renderer';
import { type AssessorInvolvement } from './model';
import {
  Check,
  Field,
  INK,
  MUTED,
  orDash,
  SectionPage,
  SimpleTable,
  styles,
  type ReportDocumentProps,
} from './report-layout';

export function Section3(props: ReportDocumentProps) {
  const { model } = props;
  const part3 = model.validation;
  const attestation = model.merchantAttestation;
  return (
    <SectionPage title="Section 3: Validation and Attestation" props={props}>
      <Text style={styles.h1}>Section 3: Validation and Attestation</Text>

      <Text style={styles.h2}>Part 3. PCI DSS validation</Text>
      <Text style={styles.paragraph}>
        This attestation is based on the results recorded in {model.saq.name} dated{' '}
        {orDash(model.completionDate)}.
      </Text>
      {part3.assessmentScope === null ? null : (
        <View style={{ marginBottom: 6 }}>
          <Check
            checked={part3.assessmentScope === 'full'}
            label="Full assessment: every requirement was assessed; none is marked Not Tested."
          />
          <Check
            checked={part3.assessmentScope === 'partial'}
            label="Partial assessment: one or more requirements are marked Not Tested."
          />
        </View>
      )}
      <Check
        checked={part3.outcome === 'compliant'}
        label="Compliant: every section is complete and every assessed requirement is In Place, In Place with CCW or Not Applicable."
      />
      <Check
        checked={part3.outcome === 'non-compliant'}
        label="Non-Compliant: not every section is complete, or one or more requirements are Not in Place."
      />
      <Field label="Target Date for Compliance">
        {part3.outcome === 'non-compliant'
          ? (part3.targetDateForCompliance ?? '')
          : 'Not Applicable'}
      </Field>
      <Check
        checked={part3.outcome === 'compliant-legal-exception'}
        label="Compliant but with Legal exception: requirements Not in Place only because a legal restriction prevents meeting them."
      />
      {part3.legalExceptions.length === 0 ? null : (
        <SimpleTable
          columns={[
            { title: 'Affected requirement', width: 1 },
            { title: 'How the legal constraint prevents meeting it', width: 3 },
          ]}
          rows={part3.legalExceptions.map((item) => [item.requirement, item.restriction])}
        />
      )}

      <Text style={styles.h2}>Part 3a. Merchant acknowledgement</Text>
      {model.acknowledgements.map((item, index) => (
        <Check key={index} checked={item.confirmed} label={item.statement} />
      ))}

      <View wrap={false}>
        <Text style={styles.h2}>Part 3b. Merchant attestation</Text>
        <View style={{ flexDirection: 'row', alignItems: 'flex-end', marginBottom: 4 }}>
          <Text style={[styles.fieldLabel]}>Signature of merchant executive officer</Text>
          <View
            style={{
              flex: 1,
              borderBottomWidth: 0.8,
              borderBottomColor: INK,
              minHeight: 40,
              justifyContent: 'flex-end',
            }}
          >
            {attestation.signature.kind === 'drawn' ? (
              <Image
                src={{ data: Buffer.from(attestation.signature.png), format: 'png' }}
                style={{ height: 38, objectFit: 'contain', objectPosition: 'left bottom' }}
              />
            ) : (
              <Text style={{ fontSize: 16, marginBottom: 2 }}>{attestation.signature.text}</Text>
            )}
          </View>
        </View>
        <Field label="Name">{attestation.signerName}</Field>
        <Field label="Title">{attestation.signerTitle}</Field>
        <Field label="Date">{attestation.date}</Field>
        <Text style={styles.muted}>
          {attestation.signature.kind === 'drawn'
            ? 'Signature drawn by the signer in the app.'
            : 'Signature typed by the signer in the app.'}{' '}
          The file's digital signature carries the same name.
        </Text>
      </View>

      <Involvement title="Part 3c. QSA acknowledgement" involvement={model.qsaInvolvement} />
      <Involvement title="Part 3d. ISA involvement" involvement={model.isaInvolvement} />
    </SectionPage>
  );
}

function Involvement({
  title,
  involvement,
}: {
  readonly title: string;
  readonly involvement: AssessorInvolvement | null;
}) {
  return (
    <View wrap={false}>
      <Text style={styles.h2}>{title}</Text>
      {involvement === null ? (
        <Text style={styles.muted}>Not Applicable: no assessor of this kind was involved.</Text>
      ) : (
        <>
          <Check
            checked={involvement.role === 'performed-testing'}
            label="Performed testing procedures"
          />
          <Check
            checked={involvement.role === 'other-assistance'}
            label="Provided other assistance"
          />
          <Field label="Company">{involvement.company}</Field>
          <Field label="Description">{involvement.description}</Field>
          {/* At least one line to sign, even before anyone is named. */}
          {(involvement.names.length === 0 ? [''] : involvement.names).map((name, index) => (
            <View key={index} style={{ flexDirection: 'row', marginTop: 14 }}>
              <Text style={styles.fieldLabel}>Signature</Text>
              <View style={{ flex: 1, borderBottomWidth: 0.8, borderBottomColor: INK }} />
              <Text style={{ width: 40, textAlign: 'right', color: MUTED }}>Date</Text>
              <View style={{ width: 80, borderBottomWidth: 0.8, borderBottomColor: INK }} />
              <Text style={{ width: 140, paddingLeft: 8 }}>{name}</Text>
            </View>
          ))}
        </>
      )}
    </View>
  );
}

export function Part4(props: ReportDocumentProps) {
  const rows = props.model.actionPlan ?? [];
  return (
    <SectionPage title="Part 4: Action Plan for Non-Compliant Requirements" props={props}>
      <Text style={styles.h1}>Part 4: Action Plan for Non-Compliant Requirements</Text>
      <SimpleTable
        columns={[
          { title: 'Requirement', width: 3 },
          { title: 'Compliant', width: 1 },
          { title: 'Remediation date', width: 1.4 },
          { title: 'Actions', width: 4 },
        ]}
        rows={rows.map((row) => [
          `${row.requirement}: ${row.title}`,
          row.compliant ? 'Yes' : 'No',
          row.remediationDate ?? '',
          row.actions ?? '',
        ])}
      />
    </SectionPage>
  );
}
