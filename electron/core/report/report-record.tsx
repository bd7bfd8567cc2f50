/** @jsxRuntime automatic */
// The pragma above: see document.tsx.
// The evidence index and the record-integrity page.
import { Text, View } from '@react-pdf/renderer';
import { Field, Hash, Lines, SectionPage, styles, type ReportDocumentProps } from './report-layout';

export function EvidenceIndex(props: ReportDocumentProps) {
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
            <Hash value={entry.sha256} style={[styles.cell, { width: 170 }]} />
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

export function RecordIntegrity(props: ReportDocumentProps) {
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
