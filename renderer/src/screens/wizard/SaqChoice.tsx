import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { AssessmentDetail } from '../../../../shared/api/ops/assessments';
import type { SaqType } from '../../../../shared/domain/responses';
import { SAQ_TYPE_LABELS, SHIPPED_SAQ_TYPES } from '../../../../shared/domain/saq-catalog';
import {
  PAYMENT_CHANNEL_LABELS,
  recommendSaq,
  saqProfileSchema,
  type CardPresentMethod,
  type CriterionResult,
  type EcommerceIntegration,
  type EcommerceProfile,
  type MotoMethod,
  type SaqProfile,
  type ScriptProtection,
  type WebsiteHost,
} from '../../../../shared/domain/saq-recommendation';
import type { CatalogueEntry } from '../../../../shared/questionnaire/types';
import { messageFor } from '../../api/messages';
import { api } from '../../state/api';
import { useAssessmentStore } from '../../state/assessment-store';
import { SaveIndicator } from './SaveIndicator';
import { useAutosave } from './use-autosave';

type YesNoKey =
  | 'serviceProvider'
  | 'storesAccountDataElectronically'
  | 'merchantSystemsHandleAccountData'
  | 'processingOutsourcedToCompliantProviders'
  | 'providersConfirmedCompliant'
  | 'paperOnlyRetention';

const QUESTIONS: readonly { key: YesNoKey; label: string }[] = [
  {
    key: 'serviceProvider',
    label: 'Do you store, process or transmit card data on behalf of other businesses?',
  },
  {
    key: 'storesAccountDataElectronically',
    label:
      'Is any card data kept in electronic form (databases, files, logs, call recordings, e-mail)?',
  },
  {
    key: 'merchantSystemsHandleAccountData',
    label:
      'Apart from a payment page your website serves, do your own systems or staff computers handle card data?',
  },
  {
    key: 'processingOutsourcedToCompliantProviders',
    label: 'Is all processing of card data done by PCI DSS compliant providers?',
  },
  {
    key: 'providersConfirmedCompliant',
    label:
      'Have you confirmed each of those providers is PCI DSS compliant for what it does for you?',
  },
  {
    key: 'paperOnlyRetention',
    // Worded so that a merchant who keeps no card data at all answers Yes,
    // which is what the eligibility criterion means.
    label:
      'Is everything you keep of card data (if anything) on paper only, and never received electronically? Answer Yes if you keep none.',
  },
];

const INTEGRATION_LABELS: Readonly<Record<EcommerceIntegration, string>> = {
  'payment-link-only': 'Customers pay through a link to the provider’s page (no website of ours)',
  'full-redirect': 'Our site sends the customer to the provider’s payment page',
  'embedded-form': 'Our page embeds the provider’s payment form (iframe)',
  'merchant-built-form': 'Our page builds or serves the payment form, but never receives card data',
  'merchant-receives-card-data': 'Card data reaches our own servers',
};
const SCRIPT_LABELS: Readonly<Record<ScriptProtection, string>> = {
  'own-protections': 'We protect the page against script attacks ourselves',
  'provider-confirmation': 'The provider confirms its form protects our page',
  none: 'Neither',
};
const HOST_LABELS: Readonly<Record<WebsiteHost, string>> = {
  merchant: 'We host it ourselves',
  'compliant-provider': 'A PCI DSS compliant provider hosts it',
  'unconfirmed-provider': 'A provider whose compliance we have not confirmed',
};
const MOTO_LABELS: Readonly<Record<MotoMethod, string>> = {
  'fully-outsourced': 'Orders go straight to a provider; staff never key card numbers',
  'virtual-terminal': 'Staff key cards into a provider’s virtual terminal on an isolated computer',
  'dial-out-terminal': 'A dial-out terminal',
  'ip-terminal': 'A standalone terminal connected over IP',
  'p2pe-terminal': 'A terminal of a validated P2PE solution',
  other: 'Another way',
};
const CARD_PRESENT_LABELS: Readonly<Record<CardPresentMethod, string>> = {
  'imprint-or-dial-out': 'Imprint machines or dial-out terminals',
  'standalone-ip-terminal': 'Standalone terminals connected over IP',
  'p2pe-terminal': 'Terminals of a validated P2PE solution',
  'spoc-solution': 'A validated software-based PIN entry (SPoC) solution',
  'internet-connected-pos': 'A point-of-sale system connected to the Internet',
  other: 'Another way',
};

const EMPTY_ECOMMERCE: EcommerceProfile = {
  integration: null,
  allPageElementsFromProvider: null,
  scriptProtection: null,
  pageElementsOnlyFromMerchantOrCompliantProvider: null,
  websiteHostedBy: null,
};

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

function Choice<T extends string>({
  label,
  value,
  labels,
  disabled,
  onChange,
}: {
  readonly label: string;
  readonly value: T | null;
  readonly labels: Readonly<Record<T, string>>;
  readonly disabled: boolean;
  readonly onChange: (value: T) => void;
}) {
  return (
    <Select
      label={label}
      placeholder="Choose one"
      value={value}
      disabled={disabled}
      autoComplete="off"
      data={(Object.keys(labels) as T[]).map((key) => ({ value: key, label: labels[key] }))}
      onChange={(next) => {
        if (next !== null) onChange(next);
      }}
    />
  );
}

const VERDICT_LABEL = { passed: 'Met', failed: 'Not met', unknown: 'Open' } as const;
const VERDICT_COLOUR = { passed: 'green', failed: 'red', unknown: 'gray' } as const;

function Criterion({ criterion }: { readonly criterion: CriterionResult }) {
  return (
    <List.Item>
      <Badge color={VERDICT_COLOUR[criterion.result]} variant="light" size="sm" mr="xs">
        {VERDICT_LABEL[criterion.result]}
      </Badge>
      {criterion.statement}{' '}
      <Text span size="sm">
        {criterion.why}
      </Text>
    </List.Item>
  );
}

/** The eligibility questions, the recommendation with each criterion, and the choice. */
export function SaqChoice({ detail }: { readonly detail: AssessmentDetail }) {
  const saveSection = useAssessmentStore((state) => state.saveSection);
  const [profile, setProfile] = useState<SaqProfile>(
    () => detail.saqChoice.profile ?? saqProfileSchema.parse({}),
  );
  const [chosen, setChosen] = useState<SaqType>(
    () => detail.saqChoice.selection?.saq ?? detail.questionnaire.saqType,
  );
  const [reason, setReason] = useState(() => detail.saqChoice.selection?.reason ?? '');
  const [entries, setEntries] = useState<readonly CatalogueEntry[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const locked = detail.summary.status === 'signed';
  const inUse = detail.saqChoice.selection?.saq ?? null;
  const recommendation = useMemo(() => recommendSaq(profile), [profile]);
  const recommended =
    recommendation.saqs.length === 1 ? (recommendation.saqs[0]?.saq ?? null) : null;
  // Without a single recommended SAQ, any choice is the person's own and needs
  // a reason, exactly as core records it (selectSaq in shared/domain).
  const overriding = recommended === null || chosen !== recommended;

  useEffect(() => {
    void api()
      .listQuestionnaires({})
      .then((result) => {
        if (result.ok) setEntries(result.value.entries);
      });
  }, []);

  const definitionFor = (saq: SaqType): CatalogueEntry | undefined =>
    entries
      .filter((entry) => entry.kind === 'saq' && entry.usable && entry.saqType === saq)
      .sort((a, b) => Number(b.official) - Number(a.official))[0];

  function set<K extends keyof SaqProfile>(key: K, value: SaqProfile[K]) {
    setProfile({ ...profile, [key]: value });
    setMessage(undefined);
  }
  const ecommerce = profile.ecommerce;
  const setEcommerce = (patch: Partial<EcommerceProfile>) => {
    set('ecommerce', { ...(ecommerce ?? EMPTY_ECOMMERCE), ...patch });
  };

  // The answers save as they are given; the choice below waits for its button.
  useAutosave(
    profile,
    (answers) => {
      void saveSection('saqAnswers', answers);
    },
    !locked,
  );

  function save() {
    const entry = definitionFor(chosen);
    if (entry?.id === null || entry === undefined) {
      setMessage({ ok: false, text: `${SAQ_TYPE_LABELS[chosen]} is not available in this app.` });
      return;
    }
    void saveSection('saqChoice', {
      profile,
      questionnaireId: entry.id,
      overrideReason: overriding ? reason : null,
    }).then((result) => {
      setMessage(
        result.ok
          ? { ok: true, text: `Saved: this assessment uses ${SAQ_TYPE_LABELS[chosen]}.` }
          : { ok: false, text: messageFor(result.error) },
      );
    });
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>SAQ choice</Title>
        <SaveIndicator />
      </Group>
      <Text>
        Answer these questions about how you take card payments. Your answers save as you give them,
        and the recommendation updates with them.
      </Text>
      <Card withBorder>
        <Stack gap="sm">
          {QUESTIONS.map((question) => (
            <YesNo
              key={question.key}
              label={question.label}
              value={profile[question.key]}
              disabled={locked}
              onChange={(value) => {
                set(question.key, value);
              }}
            />
          ))}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="sm">
          <Text fw={600}>Payment channels</Text>
          <Checkbox
            label="E-commerce (payments on the Internet)"
            checked={ecommerce !== undefined}
            disabled={locked}
            onChange={(event) => {
              set('ecommerce', event.currentTarget.checked ? EMPTY_ECOMMERCE : undefined);
            }}
          />
          {ecommerce !== undefined ? (
            <Stack gap="sm" pl="lg">
              <Choice
                label="How do customers pay online?"
                value={ecommerce.integration}
                labels={INTEGRATION_LABELS}
                disabled={locked}
                onChange={(integration) => {
                  setEcommerce({ integration });
                }}
              />
              <YesNo
                label="Does every element of the payment page come only and directly from the compliant provider?"
                value={ecommerce.allPageElementsFromProvider}
                disabled={locked}
                onChange={(value) => {
                  setEcommerce({ allPageElementsFromProvider: value });
                }}
              />
              <Choice
                label="How is the page that embeds the payment form protected against script attacks?"
                value={ecommerce.scriptProtection}
                labels={SCRIPT_LABELS}
                disabled={locked}
                onChange={(scriptProtection) => {
                  setEcommerce({ scriptProtection });
                }}
              />
              <YesNo
                label="Does every payment-page element come from your site or a compliant provider?"
                value={ecommerce.pageElementsOnlyFromMerchantOrCompliantProvider}
                disabled={locked}
                onChange={(value) => {
                  setEcommerce({ pageElementsOnlyFromMerchantOrCompliantProvider: value });
                }}
              />
              <Choice
                label="Who hosts your website?"
                value={ecommerce.websiteHostedBy}
                labels={HOST_LABELS}
                disabled={locked}
                onChange={(websiteHostedBy) => {
                  setEcommerce({ websiteHostedBy });
                }}
              />
            </Stack>
          ) : null}
          <Checkbox
            label="Mail and telephone orders"
            checked={profile.mailTelephoneOrder !== undefined}
            disabled={locked}
            onChange={(event) => {
              set('mailTelephoneOrder', event.currentTarget.checked ? { method: null } : undefined);
            }}
          />
          {profile.mailTelephoneOrder !== undefined ? (
            <Choice
              label="How are mail and telephone orders taken?"
              value={profile.mailTelephoneOrder.method}
              labels={MOTO_LABELS}
              disabled={locked}
              onChange={(method) => {
                set('mailTelephoneOrder', { method });
              }}
            />
          ) : null}
          <Checkbox
            label="Card present (in a shop or on the road)"
            checked={profile.cardPresent !== undefined}
            disabled={locked}
            onChange={(event) => {
              set('cardPresent', event.currentTarget.checked ? { method: null } : undefined);
            }}
          />
          {profile.cardPresent !== undefined ? (
            <Choice
              label="How are cards accepted in person?"
              value={profile.cardPresent.method}
              labels={CARD_PRESENT_LABELS}
              disabled={locked}
              onChange={(method) => {
                set('cardPresent', { method });
              }}
            />
          ) : null}
        </Stack>
      </Card>

      <Title order={3} size="h4">
        Recommendation
      </Title>
      <div data-testid="recommendation">
        {recommendation.saqs.length === 0 ? (
          <Text>Answer the questions above to get a recommendation.</Text>
        ) : (
          <Text fw={600}>
            {`Recommended: ${recommendation.saqs.map((saq) => SAQ_TYPE_LABELS[saq.saq]).join(', ')}`}
            {recommendation.status === 'needs-answers' ? ' (some answers are still missing)' : ''}
          </Text>
        )}
        <List size="sm" spacing={4} mt="xs">
          {recommendation.steps.map((step) => (
            <Criterion key={step.id} criterion={step} />
          ))}
        </List>
        {recommendation.channels.map((channel) => (
          <Card withBorder key={channel.channel} mt="sm">
            <Text fw={600}>
              {`${PAYMENT_CHANNEL_LABELS[channel.channel]}: ${channel.saq === null ? 'not decided yet' : SAQ_TYPE_LABELS[channel.saq]}`}
            </Text>
            {channel.considered.map((evaluation) => (
              <div key={evaluation.saq}>
                <Text size="sm" mt="xs">
                  {`${SAQ_TYPE_LABELS[evaluation.saq]}: ${evaluation.verdict === 'eligible' ? 'eligible' : evaluation.verdict === 'not-eligible' ? 'not eligible' : 'needs answers'}`}
                </Text>
                <List size="sm" spacing={2}>
                  {evaluation.criteria.map((criterion) => (
                    <Criterion key={criterion.id} criterion={criterion} />
                  ))}
                </List>
              </div>
            ))}
          </Card>
        ))}
        {recommendation.notices.map((notice) => (
          <Text key={notice} size="sm" mt="xs">
            {notice}
          </Text>
        ))}
      </div>

      <Title order={3} size="h4">
        Your choice
      </Title>
      <Radio.Group
        label="The SAQ this assessment uses"
        value={chosen}
        onChange={(value) => {
          setChosen(value);
          setMessage(undefined);
        }}
      >
        <Group gap="md" mt={4}>
          {SHIPPED_SAQ_TYPES.map((saq) => (
            <Radio
              key={saq}
              value={saq}
              disabled={locked}
              label={`${SAQ_TYPE_LABELS[saq]}${saq === recommended ? ' (recommended)' : ''}`}
            />
          ))}
        </Group>
      </Radio.Group>
      <Text size="sm" data-testid="saq-in-use">
        {inUse === null
          ? 'No SAQ is chosen yet: pick one and press “Use this SAQ”.'
          : inUse === chosen
            ? `In use: ${SAQ_TYPE_LABELS[inUse]}.`
            : `In use: ${SAQ_TYPE_LABELS[inUse]}. Press “Use this SAQ” to switch to ${SAQ_TYPE_LABELS[chosen]}.`}
      </Text>
      {overriding ? (
        <Textarea
          label={
            recommended === null
              ? 'No single SAQ follows from the answers yet: why you choose this one (kept in the record)'
              : 'Why you choose a different SAQ than recommended (kept in the record)'
          }
          value={reason}
          disabled={locked}
          required
          autosize
          minRows={2}
          autoComplete="off"
          onChange={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
      ) : null}
      <Alert color="orange" title="Eligibility statements">
        {`Whatever you choose, every eligibility statement of ${SAQ_TYPE_LABELS[chosen]} (AOC Part 2h) must still be confirmed in the Executive summary. If you cannot confirm one, the attestation cannot be Compliant.`}
      </Alert>
      {(detail.saqChoice.selection?.warnings ?? []).length > 0 ? (
        <Alert color="yellow" title="About the saved choice">
          <List size="sm">
            {detail.saqChoice.selection?.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {message !== undefined ? (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      ) : null}
      <Button
        onClick={save}
        disabled={locked || (overriding && reason.trim() === '')}
        w="fit-content"
      >
        Use this SAQ
      </Button>
    </Stack>
  );
}
