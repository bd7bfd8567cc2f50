import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import {
  BRAND_NAMES,
  merchantLevelInputSchema,
  merchantLevels,
  type MerchantLevelResult,
} from '../../../shared/domain/merchant-level';
import {
  MASTERCARD_PROVIDER_TYPES,
  serviceProviderLevelInputSchema,
  serviceProviderLevels,
  type ServiceProviderLevelResult,
} from '../../../shared/domain/service-provider-level';
import {
  merchantValidationPath,
  serviceProviderValidationPath,
  type ValidationPath,
} from '../../../shared/domain/validation-path';
import { parseCommandLine, UsageError, type CliCommand, type CliIo } from '../command';

const HELP = `Usage: pci-saq level [count options] [--json]
       pci-saq level --service-provider [provider options] [--json]
       pci-saq level [--service-provider] --input FILE [--json]

Estimates the PCI DSS level per card brand (Visa and Mastercard; American
Express, Discover and JCB: ask your acquirer) from transactions over the last
12 months, and says what that level must submit. Your acquirer decides.

Merchant counts (each N a whole number; 20000, 20,000 and 20_000 all work;
a channel left out counts as 0):
  --visa-ecommerce N          --visa-card-present N          --visa-moto N
  --mastercard-ecommerce N    --mastercard-card-present N    --mastercard-moto N
  --maestro-ecommerce N       --maestro-card-present N       --maestro-moto N
  --compromised               the business has had an account data compromise
  --visa-designated           Visa has designated the business Level 1
  --mastercard-designated     Mastercard has designated the business Level 1
(moto = mail and telephone order. Maestro counts towards Mastercard.)

Service provider (with --service-provider):
  --visanet-processor         the business processes on VisaNet
  --visa-transactions N       Visa transactions a year
  --mastercard-type TYPE      one of: ${MASTERCARD_PROVIDER_TYPES.join(', ')}
  --mastercard-transactions N Mastercard and Maestro transactions a year

Input and output:
  --input FILE   read the input from a JSON file instead of options. Merchant:
                 {"visa": {"ecommerce": 25000, "cardPresent": 0,
                 "mailTelephoneOrder": 0}, "mastercard": {...}, "maestro": {...},
                 "accountDataCompromise": false,
                 "designatedLevel1": {"visa": false, "mastercard": false}}
                 Service provider: {"visa": {"visaNetProcessor": false,
                 "annualTransactions": 0}, "mastercard": {"providerType":
                 "data-storage-entity", "annualTransactions": 0}}
  --json         print the result as JSON instead of text

Exit status: 0 on success, 1 when FILE cannot be read or holds invalid input,
2 on a usage error.
`;

const MERCHANT_COUNT_OPTIONS = [
  'visa-ecommerce',
  'visa-card-present',
  'visa-moto',
  'mastercard-ecommerce',
  'mastercard-card-present',
  'mastercard-moto',
  'maestro-ecommerce',
  'maestro-card-present',
  'maestro-moto',
] as const;

const OPTIONS = {
  ...Object.fromEntries(MERCHANT_COUNT_OPTIONS.map((name) => [name, { type: 'string' }])),
  compromised: { type: 'boolean' },
  'visa-designated': { type: 'boolean' },
  'mastercard-designated': { type: 'boolean' },
  'service-provider': { type: 'boolean' },
  'visanet-processor': { type: 'boolean' },
  'visa-transactions': { type: 'string' },
  'mastercard-type': { type: 'string' },
  'mastercard-transactions': { type: 'string' },
  input: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type OptionValues = Record<string, string | boolean | undefined>;

/** Parses options strictly; any mistake in the command line is a usage error. */
export function parseOptions(
  args: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
): OptionValues {
  return parseCommandLine(args, options).values as OptionValues;
}

/** A whole count: digits, optionally grouped with commas or underscores. */
export function parseCount(option: string, text: string): number {
  if (!/^\d{1,3}([,_]?\d{3})*$|^\d+$/.test(text)) {
    throw new UsageError(`--${option} takes a whole number, not "${text}"`);
  }
  const value = Number(text.replace(/[,_]/g, ''));
  if (!Number.isSafeInteger(value)) throw new UsageError(`--${option} is too large`);
  return value;
}

/** The first problem of a failed zod parse, as "path: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid input';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

/**
 * Reads and parses the JSON input file. Returns undefined after writing one
 * line to stderr when the file is missing, unreadable or not JSON.
 */
export async function readJsonInput(command: string, file: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    io.err(`pci-saq ${command}: cannot read "${file}" (${code}).\n`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    io.err(`pci-saq ${command}: "${file}" is not valid JSON.\n`);
    return undefined;
  }
}

const has = (values: OptionValues, names: readonly string[]): string | undefined =>
  names.find((name) => values[name] !== undefined);

function merchantInputFromOptions(values: OptionValues): unknown {
  const count = (name: string): number => {
    const text = values[name];
    return typeof text === 'string' ? parseCount(name, text) : 0;
  };
  const channels = (brand: string) => ({
    ecommerce: count(`${brand}-ecommerce`),
    cardPresent: count(`${brand}-card-present`),
    mailTelephoneOrder: count(`${brand}-moto`),
  });

  return {
    visa: channels('visa'),
    mastercard: channels('mastercard'),
    maestro: channels('maestro'),
    accountDataCompromise: values.compromised === true,
    designatedLevel1: {
      visa: values['visa-designated'] === true,
      mastercard: values['mastercard-designated'] === true,
    },
  };
}

function serviceProviderInputFromOptions(values: OptionValues): unknown {
  const count = (name: string): number => {
    const text = values[name];
    return typeof text === 'string' ? parseCount(name, text) : 0;
  };
  const type = values['mastercard-type'];
  if (
    typeof type === 'string' &&
    !(MASTERCARD_PROVIDER_TYPES as readonly string[]).includes(type)
  ) {
    throw new UsageError(
      `--mastercard-type must be one of ${MASTERCARD_PROVIDER_TYPES.join(', ')}`,
    );
  }

  return {
    visa: {
      visaNetProcessor: values['visanet-processor'] === true,
      annualTransactions: count('visa-transactions'),
    },
    mastercard: {
      providerType: typeof type === 'string' ? type : 'none',
      annualTransactions: count('mastercard-transactions'),
    },
  };
}

const SERVICE_PROVIDER_OPTIONS = [
  'visanet-processor',
  'visa-transactions',
  'mastercard-type',
  'mastercard-transactions',
];
const MERCHANT_OPTIONS = [
  ...MERCHANT_COUNT_OPTIONS,
  'compromised',
  'visa-designated',
  'mastercard-designated',
];

function pathText(path: ValidationPath): string[] {
  return [
    'What to submit',
    ...path.brands.map(
      (brand) => `  ${BRAND_NAMES[brand.brand]} Level ${brand.level}: ${brand.summary}`,
    ),
    '',
    ...path.notices.map((notice) => `  - ${notice}`),
  ];
}

function merchantText(levels: MerchantLevelResult, path: ValidationPath): string {
  const brandLines = [levels.visa, levels.mastercard].flatMap((brand) => [
    `  ${BRAND_NAMES[brand.brand].padEnd(11)} Level ${brand.level}${brand.mayBeRaised ? ' (may be raised)' : ''}`,
    ...brand.reasons.map((reason) => `              ${reason}`),
  ]);
  const others = levels.otherBrands.map((brand) => BRAND_NAMES[brand.brand]).join(', ');

  return [
    'Estimated merchant level',
    ...brandLines,
    `  ${others}: ask your acquirer.`,
    '',
    ...pathText(path),
    '',
    levels.acquirerDecides,
    '',
  ].join('\n');
}

function serviceProviderText(levels: ServiceProviderLevelResult, path: ValidationPath): string {
  const brandLines = [levels.visa, levels.mastercard].flatMap((brand) => [
    `  ${BRAND_NAMES[brand.brand].padEnd(11)} ${brand.level === null ? 'no level (no service for this brand)' : `Level ${brand.level}`}`,
    ...brand.reasons.map((reason) => `              ${reason}`),
  ]);

  return [
    'Estimated service-provider level',
    ...brandLines,
    '',
    ...pathText(path),
    '',
    levels.acquirerDecides,
    '',
  ].join('\n');
}

export const levelCommand: CliCommand = {
  name: 'level',
  summary: 'estimate the merchant or service-provider level per card brand',
  help: HELP,

  async run(args, io) {
    const values = parseOptions(args, OPTIONS);
    const serviceProvider = values['service-provider'] === true;
    const inputFile = values.input;

    const mixed = has(values, [...MERCHANT_OPTIONS, ...SERVICE_PROVIDER_OPTIONS]);
    if (typeof inputFile === 'string' && mixed !== undefined) {
      throw new UsageError(
        `give the input either as options or in --input FILE, not both (--${mixed})`,
      );
    }
    const wrongKind = has(values, serviceProvider ? MERCHANT_OPTIONS : SERVICE_PROVIDER_OPTIONS);
    if (wrongKind !== undefined) {
      throw new UsageError(
        serviceProvider
          ? `--${wrongKind} is a merchant option; leave out --service-provider`
          : `--${wrongKind} needs --service-provider`,
      );
    }

    let raw: unknown;
    if (typeof inputFile === 'string') {
      raw = await readJsonInput('level', inputFile, io);
      if (raw === undefined) return 1;
    } else {
      raw = serviceProvider
        ? serviceProviderInputFromOptions(values)
        : merchantInputFromOptions(values);
    }
    const where = typeof inputFile === 'string' ? `"${inputFile}"` : 'input';

    if (serviceProvider) {
      const parsed = serviceProviderLevelInputSchema.safeParse(raw);
      if (!parsed.success) {
        io.err(`pci-saq level: ${where}: ${firstIssue(parsed.error)}\n`);
        return 1;
      }
      const levels = serviceProviderLevels(parsed.data);
      const path = serviceProviderValidationPath(levels);
      io.out(
        values.json === true
          ? `${JSON.stringify({ kind: 'service-provider', levels, validationPath: path }, null, 2)}\n`
          : serviceProviderText(levels, path),
      );
      return 0;
    }

    const parsed = merchantLevelInputSchema.safeParse(raw);
    if (!parsed.success) {
      io.err(`pci-saq level: ${where}: ${firstIssue(parsed.error)}\n`);
      return 1;
    }
    const levels = merchantLevels(parsed.data);
    const path = merchantValidationPath(levels);
    io.out(
      values.json === true
        ? `${JSON.stringify({ kind: 'merchant', levels, validationPath: path }, null, 2)}\n`
        : merchantText(levels, path),
    );
    return 0;
  },
};
