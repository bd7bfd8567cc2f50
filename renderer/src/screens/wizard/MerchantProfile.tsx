import {
  Checkbox,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import type {
  AssessmentDetail,
  AssessorPart1b,
  MerchantPart1a,
  QsaDetails,
} from '../../../../shared/api/ops/assessments';
import { useAssessmentStore } from '../../state/assessment-store';
import { useCardDataGuard, useSaveRefusal } from '../card-data/use-card-data-guard';
import { contactNote, type ContactKind } from './contact-format';
import { SaveIndicator } from './SaveIndicator';
import { useAutosave } from './use-autosave';

const PART_1A_FIELDS: readonly {
  key: keyof MerchantPart1a;
  label: string;
  long?: boolean;
  contact?: ContactKind;
}[] = [
  { key: 'companyName', label: 'Company name' },
  { key: 'dba', label: 'Doing business as (DBA)' },
  { key: 'mailingAddress', label: 'Mailing address', long: true },
  { key: 'website', label: 'Company website', contact: 'website' },
  { key: 'contactName', label: 'Contact name' },
  { key: 'contactTitle', label: 'Contact title' },
  { key: 'phone', label: 'Contact phone', contact: 'phone' },
  { key: 'email', label: 'Contact e-mail', contact: 'email' },
];

const QSA_FIELDS: readonly { key: keyof QsaDetails; label: string; contact?: ContactKind }[] = [
  { key: 'companyName', label: 'QSA company name' },
  { key: 'mailingAddress', label: 'QSA company address' },
  { key: 'website', label: 'QSA company website', contact: 'website' },
  { key: 'leadAssessorName', label: 'Lead assessor name' },
  { key: 'leadAssessorPhone', label: 'Lead assessor phone', contact: 'phone' },
  { key: 'leadAssessorEmail', label: 'Lead assessor e-mail', contact: 'email' },
  { key: 'leadAssessorCertificate', label: 'Lead assessor certificate number' },
];

/**
 * A note under a contact field whose value looks unusual; it never blocks a
 * save and does not mark the field invalid.
 */
function contactProps(kind: ContactKind | undefined, value: string) {
  const note = kind === undefined ? null : contactNote(kind, value);
  return note === null
    ? {}
    : {
        description: note,
        inputWrapperOrder: ['label', 'input', 'description', 'error'] as (
          'label' | 'input' | 'description' | 'error'
        )[],
      };
}

const EMPTY_QSA: QsaDetails = {
  companyName: '',
  mailingAddress: '',
  website: '',
  leadAssessorName: '',
  leadAssessorPhone: '',
  leadAssessorEmail: '',
  leadAssessorCertificate: '',
};

/** AOC Part 1a (the merchant) and Part 1b (the assessor, if any). */
export function MerchantProfile({ detail }: { readonly detail: AssessmentDetail }) {
  const saveSection = useAssessmentStore((state) => state.saveSection);
  const [merchant, setMerchant] = useState<MerchantPart1a>(() => detail.merchant);
  const [assessor, setAssessor] = useState<AssessorPart1b>(() => detail.assessor);
  const [isaText, setIsaText] = useState(() => detail.assessor.isaNames.join(', '));
  const locked = detail.summary.status === 'signed';
  const assessorRequired = detail.level.validationPath?.assessorDetailsRequired === true;
  const guard = useCardDataGuard(useSaveRefusal());
  const setIsaNames = (text: string) => {
    setIsaText(text);
    setAssessor({
      ...assessor,
      isaNames: text
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    });
  };

  useAutosave(
    { merchant, assessor },
    (value) => {
      void saveSection('profile', value);
    },
    !locked,
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Merchant profile</Title>
        <SaveIndicator />
      </Group>
      <Title order={3} size="h4">
        Part 1a. Your business
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {PART_1A_FIELDS.map((field) =>
          field.long === true ? (
            <Textarea
              key={field.key}
              label={field.label}
              value={merchant[field.key]}
              {...guard.field(`merchant.${field.key}`, merchant[field.key], (masked) => {
                setMerchant({ ...merchant, [field.key]: masked });
              })}
              disabled={locked}
              autosize
              minRows={2}
              autoComplete="off"
              onChange={(event) => {
                setMerchant({ ...merchant, [field.key]: event.currentTarget.value });
              }}
            />
          ) : (
            <TextInput
              key={field.key}
              label={field.label}
              value={merchant[field.key]}
              {...contactProps(field.contact, merchant[field.key])}
              {...guard.field(`merchant.${field.key}`, merchant[field.key], (masked) => {
                setMerchant({ ...merchant, [field.key]: masked });
              })}
              disabled={locked}
              autoComplete="off"
              onChange={(event) => {
                setMerchant({ ...merchant, [field.key]: event.currentTarget.value });
              }}
            />
          ),
        )}
      </SimpleGrid>
      <Title order={3} size="h4">
        Part 1b. Assessor
      </Title>
      <Text size="sm">
        {assessorRequired
          ? 'Your merchant level requires a QSA or an Internal Security Assessor (ISA) to take part: fill in their details.'
          : 'Leave this empty when you completed the SAQ without a QSA or ISA.'}
      </Text>
      <TextInput
        label="Internal Security Assessor (ISA) names, separated by commas"
        value={isaText}
        {...guard.field('assessor.isaNames', isaText, setIsaNames)}
        disabled={locked}
        autoComplete="off"
        onChange={(event) => {
          setIsaNames(event.currentTarget.value);
        }}
      />
      <Checkbox
        label="A Qualified Security Assessor (QSA) company took part"
        checked={assessor.qsa !== null}
        disabled={locked}
        onChange={(event) => {
          setAssessor({ ...assessor, qsa: event.currentTarget.checked ? EMPTY_QSA : null });
        }}
      />
      {assessor.qsa !== null ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {QSA_FIELDS.map((field) => (
            <TextInput
              key={field.key}
              label={field.label}
              value={assessor.qsa?.[field.key] ?? ''}
              {...contactProps(field.contact, assessor.qsa?.[field.key] ?? '')}
              {...guard.field(
                `assessor.qsa.${field.key}`,
                assessor.qsa?.[field.key] ?? '',
                (masked) => {
                  const qsa = assessor.qsa ?? EMPTY_QSA;
                  setAssessor({ ...assessor, qsa: { ...qsa, [field.key]: masked } });
                },
              )}
              disabled={locked}
              autoComplete="off"
              onChange={(event) => {
                const qsa = assessor.qsa ?? EMPTY_QSA;
                setAssessor({
                  ...assessor,
                  qsa: { ...qsa, [field.key]: event.currentTarget.value },
                });
              }}
            />
          ))}
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
