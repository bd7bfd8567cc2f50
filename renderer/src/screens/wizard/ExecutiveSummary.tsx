import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type {
  AssessmentDetail,
  ExecutiveSummary as Summary,
} from '../../../../shared/api/ops/assessments';
import { SAQ_TYPE_LABELS } from '../../../../shared/domain/saq-catalog';
import type { SaqProfile } from '../../../../shared/domain/saq-recommendation';
import { useAssessmentStore } from '../../state/assessment-store';
import { useCardDataGuard, useSaveRefusal } from '../card-data/use-card-data-guard';
import { SaveIndicator } from './SaveIndicator';
import { useAutosave } from './use-autosave';
import { readWholeCount } from './whole-count';

type ChannelKey = 'eCommerce' | 'mailTelephoneOrder' | 'cardPresent';
const CHANNELS: readonly { key: ChannelKey; label: string }[] = [
  { key: 'eCommerce', label: 'E-commerce' },
  { key: 'mailTelephoneOrder', label: 'Mail order / telephone order' },
  { key: 'cardPresent', label: 'Card present' },
];

/** The channels the SAQ choice answers say the business takes, or null before they are given. */
function channelsOfChoice(profile: SaqProfile | null): Record<ChannelKey, boolean> | null {
  if (profile === null) return null;
  const channels = {
    eCommerce: profile.ecommerce !== undefined,
    mailTelephoneOrder: profile.mailTelephoneOrder !== undefined,
    cardPresent: profile.cardPresent !== undefined,
  };
  return Object.values(channels).some(Boolean) ? channels : null;
}

/** Part 2f asks these of each third-party service provider (short wording of our own). */
const PART_2F_QUESTIONS: readonly {
  key: 'storeProcessTransmit' | 'manageComponents' | 'couldAffectSecurity';
  label: string;
}[] = [
  { key: 'storeProcessTransmit', label: 'stores, processes or transmits account data for you?' },
  { key: 'manageComponents', label: 'manages system components in scope?' },
  { key: 'couldAffectSecurity', label: 'could affect the security of your card data environment?' },
];

function YesNo({
  label,
  value,
  disabled,
  onChange,
}: {
  readonly label: string;
  readonly value: boolean | null;
  readonly disabled: boolean;
  readonly onChange: (value: boolean) => void;
}) {
  return (
    <Radio.Group
      label={label}
      value={value === null ? '' : value ? 'yes' : 'no'}
      onChange={(next) => {
        onChange(next === 'yes');
      }}
    >
      <Group gap="md" mt={4}>
        <Radio value="yes" label="Yes" disabled={disabled} />
        <Radio value="no" label="No" disabled={disabled} />
      </Group>
    </Radio.Group>
  );
}

function RemoveButton({
  label,
  onClick,
}: {
  readonly label: string;
  readonly onClick: () => void;
}) {
  return (
    <Button variant="subtle" color="red" size="xs" aria-label={label} onClick={onClick}>
      Remove
    </Button>
  );
}

/** AOC Part 2: channels, environment, locations, products, providers and Part 2h. */
export function ExecutiveSummary({ detail }: { readonly detail: AssessmentDetail }) {
  const saveSection = useAssessmentStore((state) => state.saveSection);
  const [summary, setSummary] = useState<Summary>(() => detail.executiveSummary);
  const locked = detail.summary.status === 'signed';
  const saqLabel = SAQ_TYPE_LABELS[detail.questionnaire.saqType];
  const guard = useCardDataGuard(useSaveRefusal());
  const unconfirmed = detail.eligibility.filter(
    (statement) => !summary.eligibilityConfirmed.includes(statement.id),
  ).length;
  // The SAQ choice asked the same questions: when its answers recommend this
  // SAQ, say so, so that the statements read as a confirmation, not a repeat.
  const choiceSupports =
    detail.saqChoice.recommendation?.status === 'recommended' &&
    detail.saqChoice.recommendation.saqs.some(
      (entry) => entry.saq === detail.questionnaire.saqType,
    );
  /** Location counts typed that cannot be kept, by location index, with why. */
  const [refusedCounts, setRefusedCounts] = useState<
    Readonly<Record<number, { typed: string; message: string } | undefined>>
  >({});

  useAutosave(
    summary,
    (value) => {
      void saveSection('summary', value);
    },
    !locked,
  );

  // The SAQ choice asked which channels the business takes: Part 2a starts
  // from those answers (saved, and marked for the person to check) instead of
  // asking again. Done once, only while Part 2a is still empty.
  const [channelsFromChoice, setChannelsFromChoice] = useState(false);
  useEffect(() => {
    const fromChoice = channelsOfChoice(detail.saqChoice.profile);
    const empty = CHANNELS.every((channel) => !summary.paymentChannels[channel.key]);
    if (locked || fromChoice === null || !empty) return;
    setSummary((current) => ({
      ...current,
      paymentChannels: { ...current.paymentChannels, ...fromChoice },
    }));
    setChannelsFromChoice(true);
    // Once, on arrival: later changes are the person's own.
  }, []);

  const update = (patch: Partial<Summary>) => {
    setSummary({ ...summary, ...patch });
  };
  const channels = summary.paymentChannels;
  const functionFor = (label: string) =>
    summary.cardholderFunctions.find((entry) => entry.channel === label)?.how ?? '';
  const functionPath = (label: string) => {
    const index = summary.cardholderFunctions.findIndex((entry) => entry.channel === label);
    return `summary.cardholderFunctions.${String(index)}.how`;
  };
  const setFunction = (label: string, how: string) => {
    update({
      cardholderFunctions: [
        ...summary.cardholderFunctions.filter((entry) => entry.channel !== label),
        { channel: label, how },
      ],
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Executive summary</Title>
        <SaveIndicator />
      </Group>

      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 2a and 2b. Payment channels
          </Title>
          {channelsFromChoice ? (
            <Text size="sm" fw={600} data-testid="channels-from-choice">
              From your SAQ choice answers — check: the channels below are the ones you said the
              business takes. Change them if that is not right.
            </Text>
          ) : null}
          {CHANNELS.map((channel) => (
            <Stack key={channel.key} gap={4}>
              <Checkbox
                label={`${channel.label}: accepted by the business`}
                checked={channels[channel.key]}
                disabled={locked}
                onChange={(event) => {
                  update({
                    paymentChannels: { ...channels, [channel.key]: event.currentTarget.checked },
                  });
                }}
              />
              {channels[channel.key] ? (
                <Textarea
                  label={`${channel.label}: how the business stores, processes or transmits account data`}
                  value={functionFor(channel.label)}
                  {...guard.field(
                    functionPath(channel.label),
                    functionFor(channel.label),
                    (masked) => {
                      setFunction(channel.label, masked);
                    },
                  )}
                  disabled={locked}
                  autosize
                  minRows={1}
                  autoComplete="off"
                  onChange={(event) => {
                    setFunction(channel.label, event.currentTarget.value);
                  }}
                />
              ) : null}
            </Stack>
          ))}
          <Textarea
            label="Channels this assessment leaves out, and why (leave empty if none)"
            value={channels.excluded ?? ''}
            {...guard.field(
              'summary.paymentChannels.excluded',
              channels.excluded ?? '',
              (masked) => {
                update({ paymentChannels: { ...channels, excluded: masked } });
              },
            )}
            disabled={locked}
            autosize
            minRows={1}
            autoComplete="off"
            onChange={(event) => {
              const text = event.currentTarget.value;
              update({ paymentChannels: { ...channels, excluded: text === '' ? null : text } });
            }}
          />
        </Stack>
      </Card>

      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 2c. Your environment
          </Title>
          <Textarea
            label="Describe how card payments flow through your business and which systems are involved"
            value={summary.environment.description}
            {...guard.field(
              'summary.environment.description',
              summary.environment.description,
              (description) => {
                update({ environment: { ...summary.environment, description } });
              },
            )}
            disabled={locked}
            autosize
            minRows={3}
            autoComplete="off"
            onChange={(event) => {
              update({
                environment: { ...summary.environment, description: event.currentTarget.value },
              });
            }}
          />
          <YesNo
            label="Does the environment use network segmentation to reduce the scope of the assessment?"
            value={summary.environment.segmentationUsed}
            disabled={locked}
            onChange={(segmentationUsed) => {
              update({ environment: { ...summary.environment, segmentationUsed } });
            }}
          />
          <YesNo
            label="Do you keep paper records (receipts, order forms) with card data?"
            value={summary.keepsPaperRecords}
            disabled={locked}
            onChange={(keepsPaperRecords) => {
              update({ keepsPaperRecords });
            }}
          />
        </Stack>
      </Card>

      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 2d. Locations
          </Title>
          {summary.locations.map((location, index) => (
            <Group key={index} align="flex-end" wrap="wrap">
              <TextInput
                label={`Location ${String(index + 1)}: type of facility`}
                value={location.facilityType}
                {...guard.field(
                  `summary.locations.${String(index)}.facilityType`,
                  location.facilityType,
                  (masked) => {
                    const locations = [...summary.locations];
                    locations[index] = { ...location, facilityType: masked };
                    update({ locations });
                  },
                )}
                disabled={locked}
                autoComplete="off"
                onChange={(event) => {
                  const locations = [...summary.locations];
                  locations[index] = { ...location, facilityType: event.currentTarget.value };
                  update({ locations });
                }}
              />
              <NumberInput
                label={`Location ${String(index + 1)}: how many`}
                value={refusedCounts[index]?.typed ?? location.count}
                error={refusedCounts[index]?.message}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                disabled={locked}
                autoComplete="off"
                w={140}
                onChange={(value) => {
                  const read = readWholeCount(value);
                  if (!read.ok) {
                    setRefusedCounts({
                      ...refusedCounts,
                      [index]: { typed: String(value), message: read.message },
                    });
                    return;
                  }
                  setRefusedCounts({ ...refusedCounts, [index]: undefined });
                  const locations = [...summary.locations];
                  locations[index] = { ...location, count: read.count };
                  update({ locations });
                }}
              />
              <TextInput
                label={`Location ${String(index + 1)}: city and country`}
                value={location.cityCountry}
                {...guard.field(
                  `summary.locations.${String(index)}.cityCountry`,
                  location.cityCountry,
                  (masked) => {
                    const locations = [...summary.locations];
                    locations[index] = { ...location, cityCountry: masked };
                    update({ locations });
                  },
                )}
                disabled={locked}
                autoComplete="off"
                onChange={(event) => {
                  const locations = [...summary.locations];
                  locations[index] = { ...location, cityCountry: event.currentTarget.value };
                  update({ locations });
                }}
              />
              <RemoveButton
                label={`Remove location ${String(index + 1)}`}
                onClick={() => {
                  setRefusedCounts({});
                  update({ locations: summary.locations.filter((_, at) => at !== index) });
                }}
              />
            </Group>
          ))}
          <Button
            variant="default"
            w="fit-content"
            disabled={locked}
            onClick={() => {
              update({
                locations: [...summary.locations, { facilityType: '', count: 1, cityCountry: '' }],
              });
            }}
          >
            Add a location
          </Button>
        </Stack>
      </Card>

      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 2e. PCI SSC validated products and solutions
          </Title>
          <Checkbox
            label="We use products or solutions listed by the PCI SSC (for example a P2PE solution)"
            checked={summary.validatedProducts.used}
            disabled={locked}
            onChange={(event) => {
              update({
                validatedProducts: {
                  ...summary.validatedProducts,
                  used: event.currentTarget.checked,
                },
              });
            }}
          />
          {summary.validatedProducts.used
            ? summary.validatedProducts.products.map((product, index) => (
                <Group key={index} align="flex-end">
                  <TextInput
                    label={`Product ${String(index + 1)}: name`}
                    value={product.name}
                    {...guard.field(
                      `summary.validatedProducts.products.${String(index)}.name`,
                      product.name,
                      (masked) => {
                        const products = [...summary.validatedProducts.products];
                        products[index] = { ...product, name: masked };
                        update({ validatedProducts: { ...summary.validatedProducts, products } });
                      },
                    )}
                    disabled={locked}
                    autoComplete="off"
                    onChange={(event) => {
                      const products = [...summary.validatedProducts.products];
                      products[index] = { ...product, name: event.currentTarget.value };
                      update({ validatedProducts: { ...summary.validatedProducts, products } });
                    }}
                  />
                  <TextInput
                    label={`Product ${String(index + 1)}: PCI SSC listing reference`}
                    value={product.listingReference}
                    {...guard.field(
                      `summary.validatedProducts.products.${String(index)}.listingReference`,
                      product.listingReference,
                      (masked) => {
                        const products = [...summary.validatedProducts.products];
                        products[index] = { ...product, listingReference: masked };
                        update({ validatedProducts: { ...summary.validatedProducts, products } });
                      },
                    )}
                    disabled={locked}
                    autoComplete="off"
                    onChange={(event) => {
                      const products = [...summary.validatedProducts.products];
                      products[index] = { ...product, listingReference: event.currentTarget.value };
                      update({ validatedProducts: { ...summary.validatedProducts, products } });
                    }}
                  />
                  <RemoveButton
                    label={`Remove product ${String(index + 1)}`}
                    onClick={() => {
                      update({
                        validatedProducts: {
                          ...summary.validatedProducts,
                          products: summary.validatedProducts.products.filter(
                            (_, at) => at !== index,
                          ),
                        },
                      });
                    }}
                  />
                </Group>
              ))
            : null}
          {summary.validatedProducts.used ? (
            <Button
              variant="default"
              w="fit-content"
              disabled={locked}
              onClick={() => {
                update({
                  validatedProducts: {
                    ...summary.validatedProducts,
                    products: [
                      ...summary.validatedProducts.products,
                      { name: '', version: '', standard: '', listingReference: '', expiryDate: '' },
                    ],
                  },
                });
              }}
            >
              Add a product
            </Button>
          ) : null}
        </Stack>
      </Card>

      <Card withBorder>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Part 2f. Service providers
          </Title>
          {summary.serviceProviders.providers.length > 0 ? (
            <Text size="sm">
              For each provider, answer whether it stores, processes or transmits account data for
              you, manages system components in scope, or could affect the security of your card
              data environment (for example remote support or a web developer).
            </Text>
          ) : null}
          {summary.serviceProviders.providers.map((provider, index) => (
            <Stack key={index} gap="xs" data-testid={`service-provider-${String(index + 1)}`}>
              <Group align="flex-end">
                <TextInput
                  label={`Service provider ${String(index + 1)}: name`}
                  value={provider.name}
                  {...guard.field(
                    `summary.serviceProviders.providers.${String(index)}.name`,
                    provider.name,
                    (masked) => {
                      const providers = [...summary.serviceProviders.providers];
                      providers[index] = { ...provider, name: masked };
                      update({ serviceProviders: { ...summary.serviceProviders, providers } });
                    },
                  )}
                  disabled={locked}
                  autoComplete="off"
                  onChange={(event) => {
                    const providers = [...summary.serviceProviders.providers];
                    providers[index] = { ...provider, name: event.currentTarget.value };
                    update({ serviceProviders: { ...summary.serviceProviders, providers } });
                  }}
                />
                <TextInput
                  label={`Service provider ${String(index + 1)}: services provided`}
                  value={provider.services}
                  {...guard.field(
                    `summary.serviceProviders.providers.${String(index)}.services`,
                    provider.services,
                    (masked) => {
                      const providers = [...summary.serviceProviders.providers];
                      providers[index] = { ...provider, services: masked };
                      update({ serviceProviders: { ...summary.serviceProviders, providers } });
                    },
                  )}
                  disabled={locked}
                  autoComplete="off"
                  w={360}
                  onChange={(event) => {
                    const providers = [...summary.serviceProviders.providers];
                    providers[index] = { ...provider, services: event.currentTarget.value };
                    update({ serviceProviders: { ...summary.serviceProviders, providers } });
                  }}
                />
                <RemoveButton
                  label={`Remove service provider ${String(index + 1)}`}
                  onClick={() => {
                    update({
                      serviceProviders: {
                        ...summary.serviceProviders,
                        providers: summary.serviceProviders.providers.filter(
                          (_, at) => at !== index,
                        ),
                      },
                    });
                  }}
                />
              </Group>
              <Group gap="xl" align="flex-start">
                {PART_2F_QUESTIONS.map(({ key, label }) => (
                  <YesNo
                    key={key}
                    label={`Service provider ${String(index + 1)}: ${label}`}
                    value={provider[key]}
                    disabled={locked}
                    onChange={(value) => {
                      const providers = [...summary.serviceProviders.providers];
                      providers[index] = { ...provider, [key]: value };
                      update({ serviceProviders: { ...summary.serviceProviders, providers } });
                    }}
                  />
                ))}
              </Group>
            </Stack>
          ))}
          <Button
            variant="default"
            w="fit-content"
            disabled={locked}
            onClick={() => {
              update({
                serviceProviders: {
                  ...summary.serviceProviders,
                  // The three Part 2f answers start unanswered: the person says Yes or No.
                  providers: [
                    ...summary.serviceProviders.providers,
                    {
                      name: '',
                      services: '',
                      storeProcessTransmit: null,
                      manageComponents: null,
                      couldAffectSecurity: null,
                    },
                  ],
                },
              });
            }}
          >
            Add a service provider
          </Button>
        </Stack>
      </Card>

      <Card withBorder data-testid="eligibility">
        <Stack gap="sm">
          <Title order={3} size="h4">
            {`Part 2h. Eligibility statements of ${saqLabel}`}
          </Title>
          {detail.eligibility.length === 0 ? (
            <Text>{`${saqLabel} has no eligibility statements to confirm.`}</Text>
          ) : (
            <>
              <Text size="sm">
                Tick each statement that is true for your business. Any you cannot confirm means
                this SAQ cannot support a Compliant attestation.
              </Text>
              {choiceSupports ? (
                <Text size="sm" data-testid="eligibility-from-choice">
                  {`Your answers in the SAQ choice step meet the criteria of ${saqLabel}. These statements say the same in the words of the attestation: read them, and confirm them together if they are all true.`}
                </Text>
              ) : null}
              {unconfirmed > 1 && !locked ? (
                <Button
                  variant="default"
                  w="fit-content"
                  onClick={() => {
                    update({
                      eligibilityConfirmed: detail.eligibility.map((statement) => statement.id),
                    });
                  }}
                >
                  {`All ${String(detail.eligibility.length)} statements are true: confirm them`}
                </Button>
              ) : null}
              {detail.eligibility.map((statement) => (
                <Checkbox
                  key={statement.id}
                  label={statement.statement}
                  description={
                    choiceSupports && !summary.eligibilityConfirmed.includes(statement.id)
                      ? 'From your SAQ choice answers — check, then tick it if it is true.'
                      : undefined
                  }
                  checked={summary.eligibilityConfirmed.includes(statement.id)}
                  disabled={locked}
                  onChange={(event) => {
                    const others = summary.eligibilityConfirmed.filter((id) => id !== statement.id);
                    update({
                      eligibilityConfirmed: event.currentTarget.checked
                        ? [...others, statement.id]
                        : others,
                    });
                  }}
                />
              ))}
              {detail.eligibility.some(
                (statement) => !summary.eligibilityConfirmed.includes(statement.id),
              ) ? (
                <Alert color="orange" title="Not all confirmed">
                  Some statements are not confirmed yet.
                </Alert>
              ) : null}
            </>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
