/** @jsxRuntime automatic */
// The pragma above pins the automatic JSX runtime for tsx and workers, which
// otherwise fall back to the classic transform under the solution-style
// root tsconfig and fail with "React is not defined".
import { Document, Image, Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { Styles } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { RESPONSES, RESPONSE_LABELS } from '../../../shared/domain/responses';
import { FAMILY } from './fonts';
import {
  saqEditionLabel,
  type AnswerRow,
  type AssessorInvolvement,
  type ReportModel,
  type ReportVariant,
} from './model';

export interface ReportDocumentProps {
  readonly model: ReportModel;
  readonly variant: ReportVariant;
  readonly productName: string;
  readonly productVersion: string;
  /** SHA-256 of the signing certificate, printed so a reader can compare it; null if unsigned. */
  readonly certificateFingerprint: string | null;
}

type Style = Styles[string];

const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#b8b8b8';
const SHADE = '#f0f2f5';

const styles = StyleSheet.create({
  page: {
    fontFamily: [FAMILY.text, FAMILY.fallback] as unknown as string,
    fontSize: 9.5,
    color: INK,
    paddingTop: 58,
    paddingBottom: 54,
    paddingHorizontal: 44,
    lineHeight: 1.35,
  },
  header: {
    position: 'absolute',
    top: 22,
    left: 44,
    right: 44,
    fontSize: 7.5,
    color: MUTED,
    borderBottomWidth: 0.6,
    borderBottomColor: RULE,
    paddingBottom: 4,
    flexDirection: 'row',
    justifyContent: 'space-between',
  },
  footer: {
    // Placed from the top: a fixed row anchored with `bottom` is dropped by
    // react-pdf 4.9 (it never reaches the page). A4 is 841.89 pt tall.
    position: 'absolute',
    top: 806,
    left: 44,
    right: 44,
    fontSize: 7.5,
    color: MUTED,
    borderTopWidth: 0.6,
    borderTopColor: RULE,
    paddingTop: 4,
    flexDirection: 'row',
    justifyContent: 'space-between',
  },
  pageNumber: { position: 'absolute', top: 810, right: 44, fontSize: 7.5, color: MUTED },
  h1: { fontSize: 16, fontWeight: 'bold', marginBottom: 10, lineHeight: 1.2 },
  h2: { fontSize: 12, fontWeight: 'bold', marginTop: 12, marginBottom: 6 },
  h3: { fontSize: 10, fontWeight: 'bold', marginTop: 8, marginBottom: 4 },
  paragraph: { marginBottom: 5 },
  muted: { color: MUTED },
  mono: { fontFamily: FAMILY.mono, fontSize: 8 },
  field: { flexDirection: 'row', marginBottom: 3 },
  fieldLabel: { width: 170, paddingRight: 8, color: MUTED },
  fieldValue: { flex: 1 },
  table: { borderTopWidth: 0.6, borderTopColor: RULE },
  tableHead: {
    flexDirection: 'row',
    backgroundColor: SHADE,
    borderBottomWidth: 0.6,
    borderBottomColor: RULE,
    fontWeight: 'bold',
    fontSize: 8.5,
  },
  row: { flexDirection: 'row', borderBottomWidth: 0.4, borderBottomColor: RULE },
  cell: { paddingVertical: 3, paddingHorizontal: 4 },
  groupHead: {
    fontWeight: 'bold',
    fontSize: 10,
    paddingTop: 8,
    paddingBottom: 3,
    paddingHorizontal: 4,
    borderBottomWidth: 0.6,
    borderBottomColor: RULE,
  },
  notice: {
    borderWidth: 0.8,
    borderColor: RULE,
    backgroundColor: SHADE,
    padding: 8,
    marginVertical: 8,
  },
  coverTitle: {
    fontSize: 22,
    fontWeight: 'bold',
    marginTop: 60,
    marginBottom: 8,
    lineHeight: 1.25,
  },
  coverSubtitle: { fontSize: 13, marginBottom: 28 },
  box: { width: 10, fontSize: 10 },
});

const CHECKED = '\u2612';
const UNCHECKED = '\u2610';

function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

function orDash(text: string): string {
  return text.trim() === '' ? '\u2014' : text;
}

/**
 * A SHA-256 hex string in two halves, so it never overflows a column. Two
 * Text elements rather than a line break: the mono font has no glyph for
 * "\n", and react-pdf would pull in an unembedded Helvetica for it.
 */
function Hash({ value }: { readonly value: string }): ReactNode {
  return (
    <View>
      <Text style={styles.mono}>{value.slice(0, 32)}</Text>
      <Text style={styles.mono}>{value.slice(32)}</Text>
    </View>
  );
}

/**
 * User text that may hold line breaks, one Text per line: a "\n" inside a
 * Text has no glyph in the embedded fonts, and react-pdf would pull in an
 * unembedded Helvetica for it.
 */
function Lines({ text, style }: { readonly text: string; readonly style?: Style | Style[] }) {
  const lines = text.split('\n');
  if (lines.length === 1) return <Text style={style}>{text}</Text>;
  return (
    <View style={style}>
      {lines.map((line, index) => (
        <Text key={index}>{line === '' ? ' ' : line}</Text>
      ))}
    </View>
  );
}

function Field({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <View style={styles.field} wrap={false}>
      <Text style={styles.fieldLabel}>{label}</Text>
      <View style={styles.fieldValue}>
        {typeof children === 'string' ? <Lines text={orDash(children)} /> : children}
      </View>
    </View>
  );
}

function Check({ checked, label }: { readonly checked: boolean; readonly label: string }) {
  return (
    <View style={{ flexDirection: 'row', marginBottom: 3 }} wrap={false}>
      <Text style={{ width: 16, fontSize: 11 }}>{checked ? CHECKED : UNCHECKED}</Text>
      <Lines text={label} style={{ flex: 1 }} />
    </View>
  );
}

function Chrome({ title, props }: { readonly title: string; readonly props: ReportDocumentProps }) {
  const { model, productName } = props;
  return (
    <>
      <View style={styles.header} fixed>
        <Text style={{ flex: 1 }}>Record of responses: {saqEditionLabel(model.saq)}</Text>
        <Text style={{ maxWidth: '45%', textAlign: 'right' }}>
          {model.merchant.companyName} {'\u00b7'} {title}
        </Text>
      </View>
      <View style={styles.footer} fixed>
        <Text>Prepared with {productName}. The official PCI SSC form is authoritative.</Text>
      </View>
      {/* A direct child of the page, not inside the footer row: every page
          holding a render prop is laid out twice, and a lone Text keeps the
          second pass small. */}
      <Text
        fixed
        style={styles.pageNumber}
        render={({ pageNumber, totalPages }) =>
          `Page ${String(pageNumber)} of ${String(totalPages)}`
        }
      />
    </>
  );
}

/** The short name of a section in the running header; the bookmark has the full title. */
function shortTitle(title: string): string {
  return title.split(':')[0] ?? title;
}

function SectionPage({
  title,
  props,
  children,
}: {
  readonly title: string;
  readonly props: ReportDocumentProps;
  readonly children: ReactNode;
}) {
  return (
    <Page size="A4" style={styles.page} bookmark={{ title, fit: true }}>
      <Chrome title={shortTitle(title)} props={props} />
      {children}
    </Page>
  );
}

function responseNote(row: AnswerRow): string | null {
  switch (row.response) {
    case 'in-place-ccw':
      return 'See Appendix B.';
    case 'not-applicable':
      return 'See Appendix C.';
    case 'not-tested':
      return 'See Appendix D.';
    case 'not-in-place':
      return row.legalException === null ? null : 'Legal exception, see Part 3.';
    case 'in-place':
    case null:
      return null;
  }
}

function rowLabel(row: AnswerRow): string {
  return row.bullet === null ? row.id : `${row.id} bullet ${String(row.bullet.index)}`;
}

function Cover(props: ReportDocumentProps) {
  const { model } = props;
  const scope = model.validation.assessmentScope;
  return (
    <SectionPage title="Cover" props={props}>
      <Text style={styles.coverTitle}>Self-Assessment Questionnaire and Attestation</Text>
      <Text style={styles.coverSubtitle}>
        Record of responses to {saqEditionLabel(model.saq)}
        {props.variant === 'aoc' ? ' \u2014 Attestation of Compliance only' : ''}
      </Text>
      <Field label="Merchant">{model.merchant.companyName}</Field>
      <Field label="Doing business as">{model.merchant.dba}</Field>
      <Field label="SAQ">{saqEditionLabel(model.saq)}</Field>
      <Field label="Completion date">{model.completionDate}</Field>
      <Field label="Outcome">{outcomeLabel(model)}</Field>
      {scope === null ? null : (
        <Field label="Assessment">{scope === 'full' ? 'Full' : 'Partial'}</Field>
      )}
      <Field label="Signed by">
        {`${model.merchantAttestation.signerName}, ${model.merchantAttestation.signerTitle}`}
      </Field>
      <View style={styles.notice}>
        <Text style={styles.paragraph}>
          This document records the merchant's responses to the PCI Security Standards Council's{' '}
          {model.saq.name} for PCI DSS v{model.saq.standardVersion}, laid out in the order of that
          questionnaire. It was prepared with {props.productName} {props.productVersion}, which
          summarises each requirement in its own words. The official PCI SSC form and its
          requirement text are authoritative; where this record and the official form differ, the
          official form prevails.
        </Text>
        <Text>
          The file carries a digital signature made with the merchant's certificate. Check it
          against the certificate fingerprint the merchant gave you separately, for example with
          {' "pci-saq verify FILE.pdf --expect-fingerprint HEX"'}.
        </Text>
      </View>
      <Field label="Questionnaire definition SHA-256">
        <Hash value={model.definition.sha256} />
      </Field>
      <Field label="Definition">
        {model.definition.official
          ? 'As shipped with the app'
          : 'Edited or imported (not the definition shipped with the app)'}
      </Field>
      <Field label="Generated">{model.generatedAt}</Field>
    </SectionPage>
  );
}

function outcomeLabel(model: ReportModel): string {
  switch (model.validation.outcome) {
    case 'compliant':
      return 'Compliant';
    case 'non-compliant':
      return 'Non-Compliant';
    case 'compliant-legal-exception':
      return 'Compliant but with Legal exception';
  }
}

function Section1(props: ReportDocumentProps) {
  const { merchant, assessor, executiveSummary: summary } = props.model;
  const channels = summary.paymentChannels;
  return (
    <SectionPage title="Section 1: Assessment Information" props={props}>
      <Text style={styles.h1}>Section 1: Assessment Information</Text>

      <Text style={styles.h2}>Part 1a. Assessed merchant</Text>
      <Field label="Company name">{merchant.companyName}</Field>
      <Field label="DBA (doing business as)">{merchant.dba}</Field>
      <Field label="Mailing address">{merchant.mailingAddress}</Field>
      <Field label="Main website">{merchant.website}</Field>
      <Field label="Contact name">{merchant.contactName}</Field>
      <Field label="Contact title">{merchant.contactTitle}</Field>
      <Field label="Phone">{merchant.phone}</Field>
      <Field label="E-mail">{merchant.email}</Field>

      <Text style={styles.h2}>Part 1b. Assessor</Text>
      <Field label="ISA name(s)">
        {assessor.isaNames.length === 0 ? 'Not Applicable' : assessor.isaNames.join(', ')}
      </Field>
      {assessor.qsa === null ? (
        <Field label="QSA company">Not Applicable</Field>
      ) : (
        <>
          <Field label="QSA company">{assessor.qsa.companyName}</Field>
          <Field label="Mailing address">{assessor.qsa.mailingAddress}</Field>
          <Field label="Website">{assessor.qsa.website}</Field>
          <Field label="Lead assessor">{assessor.qsa.leadAssessorName}</Field>
          <Field label="Phone">{assessor.qsa.leadAssessorPhone}</Field>
          <Field label="E-mail">{assessor.qsa.leadAssessorEmail}</Field>
          <Field label="Certificate number">{assessor.qsa.leadAssessorCertificate}</Field>
        </>
      )}

      <Text style={styles.h2}>Part 2. Executive summary</Text>
      <Text style={styles.h3}>Part 2a. Payment channels in this assessment</Text>
      <Check checked={channels.mailTelephoneOrder} label="Mail order / telephone order (MOTO)" />
      <Check checked={channels.eCommerce} label="E-commerce" />
      <Check checked={channels.cardPresent} label="Card-present" />
      <Field label="Channels not included">{channels.excluded ?? 'None'}</Field>

      <Text style={styles.h3}>Part 2b. How the business handles account data</Text>
      {summary.cardholderFunctions.map((item, index) => (
        <Field key={index} label={item.channel}>
          {item.how}
        </Field>
      ))}

      <Text style={styles.h3}>Part 2c. Payment card environment</Text>
      <Lines text={orDash(summary.environment.description)} style={styles.paragraph} />
      <Field label="Segmentation used">
        {summary.environment.segmentationUsed
          ? `Yes. ${summary.environment.segmentationNote}`.trim()
          : 'No'}
      </Field>

      <Text style={styles.h3}>Part 2d. In-scope locations and facilities</Text>
      <SimpleTable
        columns={[
          { title: 'Facility type', width: 3 },
          { title: 'Number', width: 1 },
          { title: 'City and country', width: 4 },
        ]}
        rows={summary.locations.map((item) => [
          item.facilityType,
          String(item.count),
          item.cityCountry,
        ])}
      />

      <Text style={styles.h3}>Part 2e. PCI SSC validated products and solutions</Text>
      <Field label="Uses validated products">{yesNo(summary.validatedProducts.used)}</Field>
      {summary.validatedProducts.products.length === 0 ? null : (
        <SimpleTable
          columns={[
            { title: 'Name', width: 3 },
            { title: 'Version', width: 1 },
            { title: 'Standard', width: 2 },
            { title: 'Listing reference', width: 2 },
            { title: 'Expiry', width: 2 },
          ]}
          rows={summary.validatedProducts.products.map((item) => [
            item.name,
            item.version,
            item.standard,
            item.listingReference,
            item.expiryDate,
          ])}
        />
      )}

      <Text style={styles.h3}>Part 2f. Third-party service providers</Text>
      <Field label="Store, process or transmit account data for the merchant">
        {yesNo(summary.serviceProviders.storeProcessTransmit)}
      </Field>
      <Field label="Manage in-scope system components">
        {yesNo(summary.serviceProviders.manageComponents)}
      </Field>
      <Field label="Could affect the security of the cardholder data environment">
        {yesNo(summary.serviceProviders.couldAffectSecurity)}
      </Field>
      {summary.serviceProviders.providers.length === 0 ? null : (
        <SimpleTable
          columns={[
            { title: 'Service provider', width: 2 },
            { title: 'Services provided', width: 3 },
          ]}
          rows={summary.serviceProviders.providers.map((item) => [item.name, item.services])}
        />
      )}

      <Part2g {...props} />

      {summary.eligibility.length === 0 ? null : (
        <View>
          <Text style={styles.h3}>Part 2h. Eligibility to complete {props.model.saq.name}</Text>
          {summary.eligibility.map((item, index) => (
            <Check key={index} checked={item.confirmed} label={item.statement} />
          ))}
        </View>
      )}
    </SectionPage>
  );
}

function Part2g(props: ReportDocumentProps) {
  const usable = RESPONSES.filter(
    (response) => response !== 'not-tested' || props.model.validation.assessmentScope !== null,
  );
  const width = 1;
  return (
    <View>
      <Text style={styles.h3} minPresenceAhead={80}>
        Part 2g. Summary of assessment
      </Text>
      <Text style={[styles.paragraph, styles.muted]}>
        For each principal requirement, every response used in Section 2 is marked.
      </Text>
      <View style={styles.table}>
        <View style={styles.tableHead} wrap={false} minPresenceAhead={36}>
          <Text style={[styles.cell, { flex: 4 }]}>Requirement</Text>
          {usable.map((response) => (
            <Text key={response} style={[styles.cell, { flex: width, textAlign: 'center' }]}>
              {RESPONSE_LABELS[response]}
            </Text>
          ))}
        </View>
        {props.model.executiveSummary.summary.map((row) => (
          <View key={row.requirement} style={styles.row} wrap={false}>
            <Text style={[styles.cell, { flex: 4 }]}>
              {row.requirement === 'A2' ? 'Appendix A2' : `Requirement ${row.requirement}`}:{' '}
              {row.title}
            </Text>
            {usable.map((response) => (
              <Text key={response} style={[styles.cell, { flex: width, textAlign: 'center' }]}>
                {row.responses.includes(response) ? CHECKED : UNCHECKED}
              </Text>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}

function SimpleTable({
  columns,
  rows,
}: {
  readonly columns: readonly { readonly title: string; readonly width: number }[];
  readonly rows: readonly (readonly string[])[];
}) {
  return (
    <View style={[styles.table, { marginBottom: 6 }]}>
      <View style={styles.tableHead} wrap={false} minPresenceAhead={36}>
        {columns.map((column) => (
          <Text key={column.title} style={[styles.cell, { flex: column.width }]}>
            {column.title}
          </Text>
        ))}
      </View>
      {rows.map((cells, index) => (
        <View key={index} style={styles.row} wrap={false}>
          {cells.map((cell, column) => (
            <Lines
              key={column}
              text={orDash(cell)}
              style={[styles.cell, { flex: columns[column]?.width ?? 1 }]}
            />
          ))}
        </View>
      ))}
    </View>
  );
}

const ID_WIDTH = 70;
const RESPONSE_WIDTH = 120;

function AnswerTableHead() {
  return (
    <View style={styles.tableHead} fixed>
      <Text style={[styles.cell, { width: ID_WIDTH }]}>Requirement</Text>
      <Text style={[styles.cell, { flex: 1 }]}>Summary (the app's wording)</Text>
      <Text style={[styles.cell, { width: RESPONSE_WIDTH }]}>Response</Text>
    </View>
  );
}

const answerStyles = StyleSheet.create({
  id: { ...styles.cell, width: ID_WIDTH, fontWeight: 'bold' },
  idCell: { ...styles.cell, width: ID_WIDTH },
  summary: { ...styles.cell, flex: 1 },
  response: { ...styles.cell, width: RESPONSE_WIDTH, fontWeight: 'bold' },
  responseCell: { ...styles.cell, width: RESPONSE_WIDTH },
  notAsked: { ...styles.cell, width: RESPONSE_WIDTH, color: MUTED, fontSize: 8.5 },
  bold: { fontWeight: 'bold' },
});

/**
 * One Section 2 row. Most rows are a View with three Texts; cells only
 * become Views when they hold a second line (bullet, note): fewer nodes
 * keep the layout of a 254-row SAQ D fast.
 */
function AnswerLine({ row }: { readonly row: AnswerRow }) {
  const note = responseNote(row);
  const label = row.response === null ? null : RESPONSE_LABELS[row.response];
  return (
    <View style={styles.row} wrap={false}>
      {row.bullet === null ? (
        <Text style={answerStyles.id}>{row.id}</Text>
      ) : (
        <View style={answerStyles.idCell}>
          <Text style={answerStyles.bold}>{row.id}</Text>
          <Text style={styles.muted}>bullet {row.bullet.index}</Text>
        </View>
      )}
      {row.bullet === null && !row.summary.includes('\n') ? (
        <Text style={answerStyles.summary}>{row.summary}</Text>
      ) : (
        <View style={answerStyles.summary}>
          <Lines text={row.summary} />
          {row.bullet === null ? null : <Text style={styles.muted}>{row.bullet.label}</Text>}
        </View>
      )}
      {label === null ? (
        <Text style={answerStyles.notAsked}>Not asked in this SAQ</Text>
      ) : note === null ? (
        <Text style={answerStyles.response}>{label}</Text>
      ) : (
        <View style={answerStyles.responseCell}>
          <Text style={answerStyles.bold}>{label}</Text>
          <Text style={styles.muted}>{note}</Text>
        </View>
      )}
    </View>
  );
}

function principalOf(row: AnswerRow): string {
  const head = row.id.split('.')[0] ?? row.id;
  return head.startsWith('A') ? `Appendix ${head}` : `Requirement ${head}`;
}

/** Rows per <Page> before the next principal requirement starts a new one. */
const ROWS_PER_PAGE_ELEMENT = 30;

/**
 * Section 2 as several <Page> elements: react-pdf lays out one long page in
 * super-linear time. Whole principal requirements are packed into each until
 * it holds about 30 rows, so pages stay full and headings stay with rows.
 */
function Section2Pages(props: ReportDocumentProps) {
  const chunks: { principals: string[]; rows: AnswerRow[] }[] = [];
  let previous: string | null = null;
  for (const row of props.model.answers) {
    const principal = principalOf(row);
    let chunk = chunks.at(-1);
    if (
      principal !== previous &&
      (chunk === undefined || chunk.rows.length >= ROWS_PER_PAGE_ELEMENT)
    ) {
      chunk = { principals: [], rows: [] };
      chunks.push(chunk);
    }
    if (chunk === undefined) continue;
    if (principal !== previous) chunk.principals.push(principal);
    chunk.rows.push(row);
    previous = principal;
  }

  return chunks.map((chunk, index) => (
    <Page
      key={index}
      size="A4"
      style={styles.page}
      bookmark={{
        title:
          index === 0
            ? 'Section 2: Self-Assessment Questionnaire'
            : `Section 2: ${chunk.principals.join(', ')}`,
        fit: true,
      }}
    >
      <Chrome title="Section 2" props={props} />
      {index === 0 ? (
        <View>
          <Text style={styles.h1}>Section 2: Self-Assessment Questionnaire</Text>
          <Field label="Self-assessment completion date">{props.model.completionDate}</Field>
          <Text style={[styles.paragraph, styles.muted]}>
            Each row gives the requirement ID, a short summary in this app's words (the official SAQ
            holds the requirement text), and the merchant's response.
          </Text>
        </View>
      ) : null}
      <View style={styles.table}>
        <AnswerTableHead />
        {chunk.rows.map((row, position) => {
          const first =
            position === 0 || principalOf(chunk.rows[position - 1] ?? row) !== principalOf(row);
          return (
            <View key={position} wrap={!first}>
              {first ? (
                <Text style={styles.groupHead} minPresenceAhead={40}>
                  {principalOf(row)}
                </Text>
              ) : null}
              <AnswerLine row={row} />
            </View>
          );
        })}
      </View>
    </Page>
  ));
}

function AppendixB(props: ReportDocumentProps) {
  const rows = props.model.answers.filter((row) => row.compensatingControls !== null);
  return (
    <SectionPage title="Appendix B: Compensating Controls Worksheets" props={props}>
      <Text style={styles.h1}>Appendix B: Compensating Controls Worksheets</Text>
      {rows.length === 0 ? (
        <Text style={styles.muted}>No requirement was answered In Place with CCW.</Text>
      ) : null}
      {rows.map((row, index) => {
        const sheet = row.compensatingControls;
        if (sheet === null) return null;
        return (
          <View key={index} style={{ marginBottom: 10 }}>
            <Text style={styles.h3} minPresenceAhead={60}>
              Worksheet for requirement {rowLabel(row)}
            </Text>
            <Field label="1. Constraints">{sheet.constraints}</Field>
            <Field label="2. Definition of compensating controls">{sheet.definition}</Field>
            <Field label="3. Objective">{sheet.objective}</Field>
            <Field label="4. Identified risk">{sheet.identifiedRisk}</Field>
            <Field label="5. Validation of compensating controls">{sheet.validation}</Field>
            <Field label="6. Maintenance">{sheet.maintenance}</Field>
          </View>
        );
      })}
    </SectionPage>
  );
}

function ExplanationAppendix({
  props,
  title,
  empty,
  rows,
  columns,
}: {
  readonly props: ReportDocumentProps;
  readonly title: string;
  readonly empty: string;
  readonly rows: readonly (readonly string[])[];
  readonly columns: readonly { readonly title: string; readonly width: number }[];
}) {
  return (
    <SectionPage title={title} props={props}>
      <Text style={styles.h1}>{title}</Text>
      {rows.length === 0 ? (
        <Text style={styles.muted}>{empty}</Text>
      ) : (
        <SimpleTable columns={columns} rows={rows} />
      )}
    </SectionPage>
  );
}

function Section3(props: ReportDocumentProps) {
  const { model } = props;
  const part3 = model.validation;
  const attestation = model.merchantAttestation;
  return (
    <SectionPage title="Section 3: Validation and Attestation" props={props}>
      <Text style={styles.h1}>Section 3: Validation and Attestation</Text>

      <Text style={styles.h2}>Part 3. PCI DSS validation</Text>
      <Text style={styles.paragraph}>
        This attestation is based on the results recorded in {model.saq.name} dated{' '}
        {model.completionDate}.
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
          <Field label="Description">{involvement.description}</Field>
          {involvement.names.map((name, index) => (
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

function Part4(props: ReportDocumentProps) {
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

function EvidenceIndex(props: ReportDocumentProps) {
  const entries = props.model.evidence;
  return (
    <SectionPage title="Evidence index" props={props}>
      <Text style={styles.h1}>Evidence index</Text>
      <Text style={[styles.paragraph, styles.muted]}>
        The evidence files stay with the merchant. Each is identified by the SHA-256 of its content,
        so a copy can be matched to this list.
      </Text>
      {entries.length === 0 ? <Text style={styles.muted}>No evidence was attached.</Text> : null}
      <View style={styles.table}>
        {entries.length === 0 ? null : (
          <View style={styles.tableHead} fixed>
            <Text style={[styles.cell, { flex: 3 }]}>Title and file</Text>
            <Text style={[styles.cell, { width: 58, textAlign: 'right' }]}>Size</Text>
            <Text style={[styles.cell, { width: 170 }]}>SHA-256</Text>
            <Text style={[styles.cell, { flex: 1.4 }]}>Rows</Text>
          </View>
        )}
        {entries.map((entry, index) => (
          <View key={index} style={styles.row} wrap={false}>
            <View style={[styles.cell, { flex: 3 }]}>
              <Lines text={entry.title} />
              <Text style={styles.muted}>{entry.fileName}</Text>
            </View>
            <Text style={[styles.cell, { width: 58, textAlign: 'right' }]}>
              {formatSize(entry.sizeBytes)}
            </Text>
            <View style={[styles.cell, { width: 170 }]}>
              <Hash value={entry.sha256} />
            </View>
            <Text style={[styles.cell, { flex: 1.4 }]}>{entry.rows.join(', ')}</Text>
          </View>
        ))}
      </View>
    </SectionPage>
  );
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function RecordIntegrity(props: ReportDocumentProps) {
  const { model } = props;
  return (
    <SectionPage title="About this record" props={props}>
      <Text style={styles.h1}>About this record</Text>
      <Field label="Audit trail head">
        <Hash value={model.audit.head} />
      </Field>
      <Field label="Audit trail length">{`${String(model.audit.length)} entries`}</Field>
      <Field label="Questionnaire definition SHA-256">
        <Hash value={model.definition.sha256} />
      </Field>
      <Field label="Signing certificate SHA-256">
        {props.certificateFingerprint === null ? (
          'Not signed'
        ) : (
          <Hash value={props.certificateFingerprint} />
        )}
      </Field>
      <View style={styles.notice}>
        <Text>
          The certificate is the merchant's own. It proves that this file has not changed since it
          was signed only when its fingerprint matches one the merchant gave you through another
          channel. The signing time is as claimed by the signer's clock.
        </Text>
      </View>
    </SectionPage>
  );
}

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
