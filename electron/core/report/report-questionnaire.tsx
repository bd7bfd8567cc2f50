/** @jsxRuntime automatic */
// The pragma above: see document.tsx.
// Section 2 and its appendices: B (worksheets), C (Not Applicable), D (Not Tested).
import { Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import { RESPONSE_LABELS } from '../../../shared/domain/responses';
import { type AnswerRow } from './model';
import {
  Chrome,
  Field,
  Lines,
  MUTED,
  SectionPage,
  SimpleTable,
  responseNote,
  rowLabel,
  styles,
  type ReportDocumentProps,
} from './report-layout';

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
export function Section2Pages(props: ReportDocumentProps) {
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
          // Only a principal's first row needs a wrapper, to keep the heading with it:
          // one View less per row is a measurable share of a 254-row layout.
          if (!first) return <AnswerLine key={position} row={row} />;
          return (
            <View key={position} wrap={false}>
              <Text style={styles.groupHead} minPresenceAhead={40}>
                {principalOf(row)}
              </Text>
              <AnswerLine row={row} />
            </View>
          );
        })}
      </View>
    </Page>
  ));
}

export function AppendixB(props: ReportDocumentProps) {
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

export function ExplanationAppendix({
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
