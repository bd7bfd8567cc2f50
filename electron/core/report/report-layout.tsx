/** @jsxRuntime automatic */
// The pragma above: see document.tsx.
// Shared pieces of the report pages: styles, page chrome, fields, tables.
import { Page, StyleSheet, Text, View } from '@react-pdf/renderer';
import type { Styles } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { FAMILY } from './fonts';
import { saqEditionLabel, type AnswerRow, type ReportModel, type ReportVariant } from './model';

export interface ReportDocumentProps {
  readonly model: ReportModel;
  readonly variant: ReportVariant;
  readonly productName: string;
  readonly productVersion: string;
  /** SHA-256 of the signing certificate, printed so a reader can compare it; null if unsigned. */
  readonly certificateFingerprint: string | null;
}

export type Style = Styles[string];

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const RULE = '#b8b8b8';
export const SHADE = '#f0f2f5';

export const styles = StyleSheet.create({
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
  // Printed by stampPageNumbers on a sheet of its own, then drawn onto the page.
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

export const CHECKED = '\u2612';
export const UNCHECKED = '\u2610';

export function yesNo(value: boolean): string {
  return value ? 'Yes' : 'No';
}

/** A yes/no question the app may not have asked: never a "No" the merchant did not give. */
export function yesNoAsked(value: boolean | null): string {
  return value === null ? 'Not asked' : yesNo(value);
}

/**
 * A moment as the report prints it: "2026-12-04 20:41 UTC". Calendar dates
 * the merchant entered print as entered, "2026-11-20" (see docs/report.md),
 * so a moment is written the same way, to the minute, in UTC: the same on
 * every machine, whatever its time zone.
 */
export function printedMoment(iso: string): string {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return iso;
  return `${moment.toISOString().slice(0, 10)} ${moment.toISOString().slice(11, 16)} UTC`;
}

export function orDash(text: string): string {
  return text.trim() === '' ? '\u2014' : text;
}

/**
 * A SHA-256 hex string in two halves, so it never overflows a column. Two
 * Text elements rather than a line break: the mono font has no glyph for
 * "\n", and react-pdf would pull in an unembedded Helvetica for it.
 */
export function Hash({
  value,
  style,
}: {
  readonly value: string;
  readonly style?: Style | Style[];
}): ReactNode {
  return (
    <View style={style}>
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
export function Lines({
  text,
  style,
}: {
  readonly text: string;
  readonly style?: Style | Style[];
}) {
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

export function Field({
  label,
  children,
}: {
  readonly label: string;
  readonly children: ReactNode;
}) {
  return (
    <View style={styles.field} wrap={false}>
      <Text style={styles.fieldLabel}>{label}</Text>
      {/* Text values carry the value style themselves: no wrapper View per field. */}
      {typeof children === 'string' ? (
        <Lines text={orDash(children)} style={styles.fieldValue} />
      ) : (
        <View style={styles.fieldValue}>{children}</View>
      )}
    </View>
  );
}

export function Check({ checked, label }: { readonly checked: boolean; readonly label: string }) {
  return (
    <View style={{ flexDirection: 'row', marginBottom: 3 }} wrap={false}>
      <Text style={{ width: 16, fontSize: 11 }}>{checked ? CHECKED : UNCHECKED}</Text>
      <Lines text={label} style={{ flex: 1 }} />
    </View>
  );
}

export function Chrome({
  title,
  props,
}: {
  readonly title: string;
  readonly props: ReportDocumentProps;
}) {
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
      {/* "Page n of m" (styles.pageNumber) is stamped onto each page after
          layout, by stampPageNumbers: see page-numbers.tsx. */}
    </>
  );
}

/** The page number as the footer prints it. */
export function pageLabel(pageNumber: number, totalPages: number): string {
  return `Page ${String(pageNumber)} of ${String(totalPages)}`;
}

/** The short name of a section in the running header; the bookmark has the full title. */
export function shortTitle(title: string): string {
  return title.split(':')[0] ?? title;
}

export function SectionPage({
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

export function responseNote(row: AnswerRow): string | null {
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

export function rowLabel(row: AnswerRow): string {
  return row.bullet === null ? row.id : `${row.id} bullet ${String(row.bullet.index)}`;
}

/**
 * A table with a shaded header. The header never ends a page alone: it is
 * kept with the first row (react-pdf's minPresenceAhead on the header alone
 * let it sit at the foot of a page with every row on the next). A table
 * without rows prints one row saying so (`empty`, "None" unless given).
 */
export function SimpleTable({
  columns,
  rows,
  empty = 'None',
}: {
  readonly columns: readonly { readonly title: string; readonly width: number }[];
  readonly rows: readonly (readonly string[])[];
  readonly empty?: string;
}) {
  const [first, ...rest] = rows;
  const row = (cells: readonly string[], index: number) => (
    <View key={index} style={styles.row} wrap={false}>
      {cells.map((cell, column) => (
        <Lines
          key={column}
          text={orDash(cell)}
          style={[styles.cell, { flex: columns[column]?.width ?? 1 }]}
        />
      ))}
    </View>
  );
  return (
    <View style={[styles.table, { marginBottom: 6 }]}>
      <View wrap={false}>
        <View style={styles.tableHead}>
          {columns.map((column) => (
            <Text key={column.title} style={[styles.cell, { flex: column.width }]}>
              {column.title}
            </Text>
          ))}
        </View>
        {first === undefined ? (
          <View style={styles.row}>
            <Text style={[styles.cell, styles.muted, { flex: 1 }]}>{empty}</Text>
          </View>
        ) : (
          row(first, 0)
        )}
      </View>
      {rest.map((cells, index) => row(cells, index + 1))}
    </View>
  );
}
