import {
  Alert,
  Checkbox,
  Group,
  List,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import type { AssessmentDetail } from '../../../../shared/api/ops/assessments';
import {
  BRAND_NAMES,
  merchantLevelInputSchema,
  merchantLevels,
  type ChannelCounts,
  type MerchantLevelInput,
} from '../../../../shared/domain/merchant-level';
import { merchantValidationPath } from '../../../../shared/domain/validation-path';
import { useAssessmentStore } from '../../state/assessment-store';
import { SaveIndicator } from './SaveIndicator';
import { useAutosave } from './use-autosave';
import { readWholeCount } from './whole-count';

const BRANDS = [
  { key: 'visa', label: 'Visa' },
  { key: 'mastercard', label: 'Mastercard' },
  { key: 'maestro', label: 'Maestro' },
] as const;

const CHANNELS: readonly { key: keyof ChannelCounts; label: string }[] = [
  { key: 'ecommerce', label: 'E-commerce' },
  { key: 'cardPresent', label: 'Card present' },
  { key: 'mailTelephoneOrder', label: 'Mail or telephone order' },
];

/** Transactions per brand and channel, compromise history, and what level that makes. */
export function LevelStep({ detail }: { readonly detail: AssessmentDetail }) {
  const saveSection = useAssessmentStore((state) => state.saveSection);
  const [input, setInput] = useState<MerchantLevelInput>(
    () => detail.level.inputs ?? merchantLevelInputSchema.parse({}),
  );
  const locked = detail.summary.status === 'signed';
  /** What was typed into a cell that holds no usable count, with why; keyed brand.channel. */
  const [refused, setRefused] = useState<
    Readonly<Record<string, { typed: string; message: string } | undefined>>
  >({});
  const levels = useMemo(() => merchantLevels(input), [input]);
  const path = useMemo(() => merchantValidationPath(levels), [levels]);

  useAutosave(
    input,
    (inputs) => {
      void saveSection('level', inputs);
    },
    !locked,
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Merchant level</Title>
        <SaveIndicator fieldRefused={Object.values(refused).some((cell) => cell !== undefined)} />
      </Group>
      <Text>
        Count the card transactions of the last 12 months, per brand and payment channel. Your
        acquirer can tell you these figures.
      </Text>
      <Table withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Brand</Table.Th>
            {CHANNELS.map((channel) => (
              <Table.Th key={channel.key} scope="col">
                {channel.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {BRANDS.map((brand) => (
            <Table.Tr key={brand.key}>
              <Table.Th scope="row">{brand.label}</Table.Th>
              {CHANNELS.map((channel) => (
                <Table.Td key={channel.key}>
                  <NumberInput
                    aria-label={`${brand.label} ${channel.label} transactions a year`}
                    value={
                      refused[`${brand.key}.${channel.key}`]?.typed ?? input[brand.key][channel.key]
                    }
                    error={refused[`${brand.key}.${channel.key}`]?.message}
                    // A minus sign or decimal part is refused at the field with a
                    // message, never dropped silently (which would save another count).
                    clampBehavior="none"
                    thousandSeparator=","
                    disabled={locked}
                    autoComplete="off"
                    onChange={(value) => {
                      const cell = `${brand.key}.${channel.key}`;
                      const read = readWholeCount(value);
                      // A refused count keeps the last good one saved and the typed text shown.
                      if (!read.ok) {
                        setRefused({
                          ...refused,
                          [cell]: { typed: String(value), message: read.message },
                        });
                        return;
                      }
                      setRefused({ ...refused, [cell]: undefined });
                      setInput({
                        ...input,
                        [brand.key]: { ...input[brand.key], [channel.key]: read.count },
                      });
                    }}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Checkbox
        label="The business has had an account data compromise (a breach of card data)"
        checked={input.accountDataCompromise}
        disabled={locked}
        onChange={(event) => {
          setInput({ ...input, accountDataCompromise: event.currentTarget.checked });
        }}
      />
      <Checkbox
        label="Visa has told us we are Level 1"
        checked={input.designatedLevel1.visa}
        disabled={locked}
        onChange={(event) => {
          setInput({
            ...input,
            designatedLevel1: { ...input.designatedLevel1, visa: event.currentTarget.checked },
          });
        }}
      />
      <Checkbox
        label="Mastercard has told us we are Level 1"
        checked={input.designatedLevel1.mastercard}
        disabled={locked}
        onChange={(event) => {
          setInput({
            ...input,
            designatedLevel1: {
              ...input.designatedLevel1,
              mastercard: event.currentTarget.checked,
            },
          });
        }}
      />

      <Title order={3} size="h4">
        Your level
      </Title>
      {[levels.visa, levels.mastercard].map((brand) => (
        <Alert
          key={brand.brand}
          color="indigo"
          title={`${BRAND_NAMES[brand.brand]}: Level ${String(brand.level)}`}
          data-testid={`level-${brand.brand}`}
        >
          <List size="sm">
            {brand.reasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        </Alert>
      ))}
      <Text size="sm">
        American Express, Discover and JCB set their own levels: ask your acquirer which applies if
        you accept these cards.
      </Text>
      <Title order={3} size="h4">
        What you must submit
      </Title>
      {path.saqIsGapAssessment ? (
        <Alert color="orange" title="This SAQ is a gap assessment" data-testid="gap-assessment">
          At Level 1 a Report on Compliance by an assessor is the validation document. The SAQ you
          complete here prepares you for it; it does not replace it.
        </Alert>
      ) : null}
      {path.assessorDetailsRequired ? (
        <Alert color="orange" title="Assessor details required" data-testid="assessor-required">
          Mastercard Level 2: a QSA or a PCI-certified Internal Security Assessor must do or take
          part in the assessment. Fill in their details in the Merchant profile (Part 1b).
        </Alert>
      ) : null}
      <List size="sm">
        {path.brands.map((brand) => (
          <List.Item key={brand.brand}>
            {`${BRAND_NAMES[brand.brand]} Level ${String(brand.level)}: ${brand.summary}`}
          </List.Item>
        ))}
      </List>
      <List size="sm">
        {path.notices
          .filter(
            (notice) =>
              !notice.startsWith('At Level 1') && !notice.startsWith('Mastercard Level 2'),
          )
          .map((notice) => (
            <List.Item key={notice}>{notice}</List.Item>
          ))}
      </List>
      <Text size="sm">{levels.acquirerDecides}</Text>
    </Stack>
  );
}
