import {
  CARD_PRESENT_METHODS,
  ECOMMERCE_INTEGRATIONS,
  MOTO_METHODS,
  PAYMENT_CHANNEL_LABELS,
  SCRIPT_PROTECTIONS,
  WEBSITE_HOSTS,
  recommendSaq,
  saqProfileSchema,
  type ChannelStatus,
  type CriterionResult,
  type SaqRecommendation,
} from '../../../shared/domain/saq-recommendation';
import { saqDisplayName } from '../../../shared/domain/saq-catalog';
import { UsageError, type CliCommand } from '../command';
import { firstIssue, parseOptions, readJsonInput } from './level';

/** Yes/no questions: option name -> profile field. */
const YES_NO = {
  'service-provider': 'serviceProvider',
  'stores-electronically': 'storesAccountDataElectronically',
  'own-systems-handle-data': 'merchantSystemsHandleAccountData',
  outsourced: 'processingOutsourcedToCompliantProviders',
  'providers-confirmed': 'providersConfirmedCompliant',
  'paper-only': 'paperOnlyRetention',
} as const;

const ECOMMERCE_YES_NO = {
  'page-from-provider': 'allPageElementsFromProvider',
  'page-origins-compliant': 'pageElementsOnlyFromMerchantOrCompliantProvider',
} as const;

const HELP = `Usage: pci-saq recommend [options] [--json]
       pci-saq recommend --input FILE [--json]

Recommends the SAQ type(s) from eligibility answers, showing for each SAQ
considered which criterion passed, failed or is still unknown, and why. The
order: service provider (SAQ D for Service Providers), electronic storage
(SAQ D for Merchants), then each payment channel on its own. Several channels
can lead to several SAQs. Your acquirer decides; the official SAQ is the
authoritative text.

Answers (yes, no or unknown; an answer left out is unknown):
  --service-provider ANSWER         the business handles card data for others
  --stores-electronically ANSWER    account data is kept in electronic form
                                    (files, logs, call recordings, e-mail)
  --own-systems-handle-data ANSWER  apart from a payment page your site serves,
                                    your systems or premises handle card data
  --outsourced ANSWER               compliant providers do all the processing
  --providers-confirmed ANSWER      each provider confirmed PCI DSS compliant
  --paper-only ANSWER               anything kept is on paper (yes if nothing is kept), not received
                                    electronically

Channels (leave a channel out if you do not take it; "unknown" if not sure):
  --ecommerce HOW      ${ECOMMERCE_INTEGRATIONS.join(', ')}
  --moto HOW           ${MOTO_METHODS.join(', ')}
  --card-present HOW   ${CARD_PRESENT_METHODS.join(', ')}

E-commerce details:
  --page-from-provider ANSWER      every payment-page element comes from the
                                   provider
  --script-protection KIND         for an embedded form: ${SCRIPT_PROTECTIONS.join(', ')}
  --page-origins-compliant ANSWER  every payment-page element comes from your
                                   site or a compliant provider
  --website-host WHO               ${WEBSITE_HOSTS.join(', ')}

Input and output:
  --input FILE   read the answers from a JSON file instead, e.g.
                 {"serviceProvider": false, "storesAccountDataElectronically":
                 false, "ecommerce": {"integration": "full-redirect"}}
                 (fields as in the options above; null means unknown)
  --json         print the result as JSON instead of text

Exit status: 0 on success (also when answers are still missing), 1 when FILE
cannot be read or holds invalid answers, 2 on a usage error.
`;

const OPTIONS = {
  ...Object.fromEntries(
    [...Object.keys(YES_NO), ...Object.keys(ECOMMERCE_YES_NO)].map((name) => [
      name,
      { type: 'string' },
    ]),
  ),
  ecommerce: { type: 'string' },
  moto: { type: 'string' },
  'card-present': { type: 'string' },
  'script-protection': { type: 'string' },
  'website-host': { type: 'string' },
  input: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type OptionValues = Record<string, string | boolean | undefined>;

function yesNo(values: OptionValues, option: string): boolean | null {
  const raw = values[option];
  const text = typeof raw === 'string' ? raw.toLowerCase() : raw;
  if (text === undefined || text === 'unknown') return null;
  if (text === 'yes') return true;
  if (text === 'no') return false;
  throw new UsageError(`--${option} takes yes, no or unknown`);
}

function choice(values: OptionValues, option: string, allowed: readonly string[]): string | null {
  const text = values[option];
  if (text === undefined || text === 'unknown') return null;
  if (typeof text === 'string' && allowed.includes(text)) return text;
  throw new UsageError(`--${option} takes one of: ${allowed.join(', ')}, unknown`);
}

function profileFromOptions(values: OptionValues): unknown {
  const profile: Record<string, unknown> = {};

  for (const [option, field] of Object.entries(YES_NO)) profile[field] = yesNo(values, option);

  const ecommerceDetails = ['script-protection', 'website-host', ...Object.keys(ECOMMERCE_YES_NO)];
  const detail = ecommerceDetails.find((name) => values[name] !== undefined);
  if (values.ecommerce === undefined && detail !== undefined) {
    throw new UsageError(`--${detail} needs --ecommerce`);
  }
  if (values.ecommerce !== undefined) {
    const ecommerce: Record<string, unknown> = {
      integration: choice(values, 'ecommerce', ECOMMERCE_INTEGRATIONS),
      scriptProtection: choice(values, 'script-protection', SCRIPT_PROTECTIONS),
      websiteHostedBy: choice(values, 'website-host', WEBSITE_HOSTS),
    };
    for (const [option, field] of Object.entries(ECOMMERCE_YES_NO)) {
      ecommerce[field] = yesNo(values, option);
    }
    profile.ecommerce = ecommerce;
  }
  if (values.moto !== undefined) {
    profile.mailTelephoneOrder = { method: choice(values, 'moto', MOTO_METHODS) };
  }
  if (values['card-present'] !== undefined) {
    profile.cardPresent = { method: choice(values, 'card-present', CARD_PRESENT_METHODS) };
  }

  return profile;
}

const STATUS_TEXT: Readonly<Record<ChannelStatus, string>> = {
  recommended: 'recommended',
  'needs-answers': 'needs answers',
  undetermined: 'undetermined',
};

const criterionLine = (indent: string, criterion: CriterionResult): string =>
  `${indent}[${criterion.result}] ${criterion.statement}\n${indent}    ${criterion.why}`;

function recommendationText(recommendation: SaqRecommendation): string {
  const lines = [`SAQ recommendation: ${STATUS_TEXT[recommendation.status]}`, ''];

  lines.push('Steps');
  for (const step of recommendation.steps) lines.push(criterionLine('  ', step));

  for (const channel of recommendation.channels) {
    const saq = channel.saq === null ? 'no SAQ yet' : saqDisplayName(channel.saq);
    lines.push(
      '',
      `${PAYMENT_CHANNEL_LABELS[channel.channel]}: ${saq} (${STATUS_TEXT[channel.status]})`,
    );
    for (const evaluation of channel.considered) {
      lines.push(`  ${saqDisplayName(evaluation.saq)}: ${evaluation.verdict.replace('-', ' ')}`);
      for (const criterion of evaluation.criteria) lines.push(criterionLine('    ', criterion));
    }
  }

  if (recommendation.saqs.length > 0) {
    lines.push('', 'Result');
    for (const saq of recommendation.saqs) {
      const channels = saq.channels.map((channel) => PAYMENT_CHANNEL_LABELS[channel]).join(', ');
      lines.push(`  ${saqDisplayName(saq.saq)}${channels === '' ? '' : `: ${channels}`}`);
    }
  }

  lines.push('', ...recommendation.notices.map((notice) => `- ${notice}`), '');
  return lines.join('\n');
}

export const recommendCommand: CliCommand = {
  name: 'recommend',
  summary: 'recommend the SAQ type from eligibility answers',
  help: HELP,

  async run(args, io) {
    const values = parseOptions(args, OPTIONS);
    const inputFile = values.input;

    let raw: unknown;
    if (typeof inputFile === 'string') {
      const mixed = Object.keys(values).find((name) => name !== 'input' && name !== 'json');
      if (mixed !== undefined) {
        throw new UsageError(
          `give the answers either as options or in --input FILE, not both (--${mixed})`,
        );
      }
      raw = await readJsonInput('recommend', inputFile, io);
      if (raw === undefined) return 1;
    } else {
      raw = profileFromOptions(values);
    }

    const parsed = saqProfileSchema.safeParse(raw);
    if (!parsed.success) {
      const where = typeof inputFile === 'string' ? `"${inputFile}"` : 'input';
      io.err(`pci-saq recommend: ${where}: ${firstIssue(parsed.error)}\n`);
      return 1;
    }

    const recommendation = recommendSaq(parsed.data);
    io.out(
      values.json === true
        ? `${JSON.stringify(recommendation, null, 2)}\n`
        : recommendationText(recommendation),
    );
    return 0;
  },
};
