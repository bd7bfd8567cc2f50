/** @jsxRuntime automatic */
// The pragma above: see document.tsx.
// The cover and Section 1 (Parts 1a-1b, 2a-2h).
import { Text, View } from '@react-pdf/renderer';
import { RESPONSES, RESPONSE_LABELS } from '../../../shared/domain/responses';
import { saqEditionLabel, type ReportModel } from './model';
import {
  CHECKED,
  Field,
  Hash,
  Lines,
  SectionPage,
  SimpleTable,
  UNCHECKED,
  orDash,
  printedMoment,
  styles,
  yesNo,
  yesNoAsked,
  Check,
  type ReportDocumentProps,
} from './report-layout';

export function Cover(props: ReportDocumentProps) {
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
      <Field label="Generated">{printedMoment(model.generatedAt)}</Field>
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

export function Section1(props: ReportDocumentProps) {
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
        {yesNoAsked(summary.serviceProviders.storeProcessTransmit)}
      </Field>
      <Field label="Manage in-scope system components">
        {yesNoAsked(summary.serviceProviders.manageComponents)}
      </Field>
      <Field label="Could affect the security of the cardholder data environment">
        {yesNoAsked(summary.serviceProviders.couldAffectSecurity)}
      </Field>
      {summary.serviceProviders.providers.length === 0 ? null : (
        <SimpleTable
          columns={[
            { title: 'Service provider', width: 2 },
            { title: 'Services provided', width: 3 },
            { title: 'Stores, processes or transmits', width: 1.5 },
            { title: 'Manages components', width: 1.5 },
            { title: 'Could affect security', width: 1.5 },
          ]}
          rows={summary.serviceProviders.providers.map((item) => [
            item.name,
            item.services,
            yesNoAsked(item.storeProcessTransmit),
            yesNoAsked(item.manageComponents),
            yesNoAsked(item.couldAffectSecurity),
          ])}
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
