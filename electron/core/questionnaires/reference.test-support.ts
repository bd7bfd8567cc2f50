import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The PCI reference facts the bundled definitions were built from. They live
 * outside the clone, in a `shared/reference` folder beside it (CI places it
 * there); tests read them at run time so that a definition drifting from the
 * facts fails.
 */
export const REFERENCE_DIR = resolve(import.meta.dirname, '../../../../shared/reference');

export interface ReferenceRow {
  readonly id: string;
  readonly expectedTesting: readonly string[];
  readonly bulletCount: number;
  readonly hasApplicabilityNote: boolean;
  readonly placeholder: boolean;
}

export interface ReferenceSaq {
  readonly title: string;
  readonly version: string;
  readonly requirementIds: readonly string[];
  readonly count: number;
  readonly responseRowCount: number;
  readonly placeholderIds?: readonly string[];
  readonly partialBulletIds?: readonly string[];
  readonly perBulletResponseIds?: Readonly<Record<string, number>>;
  readonly rows: readonly ReferenceRow[];
}

export interface ReferenceRequirement {
  readonly id: string;
  readonly parent: string | null;
  readonly level: number;
  readonly title: string;
  readonly serviceProviderOnly: boolean;
  readonly futureDated: boolean;
  readonly appendix: string | null;
}

function readReference(name: string): string {
  const path = resolve(REFERENCE_DIR, name);
  if (!existsSync(path)) {
    throw new Error(
      `The PCI reference file ${name} is missing: these tests expect the folder ` +
        `shared/reference beside the project folder (../shared/reference from the project root).`,
    );
  }
  return readFileSync(path, 'utf8');
}

export function referenceSaqs(): Readonly<Record<string, ReferenceSaq>> {
  return JSON.parse(readReference('saq-requirements.json')) as Record<string, ReferenceSaq>;
}

export function referenceRequirements(): readonly ReferenceRequirement[] {
  return JSON.parse(readReference('pci-dss-v4-requirements.json')) as ReferenceRequirement[];
}

export function referenceFacts(): string {
  return readReference('pci-dss-facts.md');
}

/** The text of a `## N.` section of the facts file. */
export function factsSection(number: number): string {
  const facts = referenceFacts();
  const start = facts.indexOf(`\n## ${number}. `);
  const end = facts.indexOf('\n## ', start + 1);
  if (start < 0) throw new Error(`pci-dss-facts.md has no section ${number}`);

  return facts.slice(start, end < 0 ? undefined : end);
}
