import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Catalogue } from './catalogue';
import { BUNDLED_QUESTIONNAIRES_DIR, type DefinitionFile } from './definition-files';

/**
 * Thousands of mutated definitions through the whole loading path (bytes,
 * JSON, schema, cross-checks, resolution). Every outcome must be a clean
 * result: an unusable entry whose problems each have a file, a JSON path and
 * a message, or a usable entry that resolves. Nothing may throw.
 */

const ITERATIONS = 4000;
/** Keeps the file well inside the suite's budget on a slow machine; the cases stay seeded. */
const TIME_BUDGET_MS = 20_000;
const SEED = 0x5eed_2025;

/** mulberry32: small, seeded, good enough to pick mutations reproducibly. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

const STRINGS = [
  '',
  ' ',
  '1.2.3',
  '4.2.1',
  '99.1',
  'A4.1',
  'A2.1.1',
  '12.10.1',
  'b0',
  'b1',
  'b9',
  'saq',
  'requirement-library',
  'pci-dss-v4.0.1',
  'not-tested',
  'in-place',
  'D-Merchant',
  '__proto__',
  'constructor',
  '2025-02-30',
  '\u0000',
  'é🙂',
  'x'.repeat(5000),
];
const NUMBERS = [0, -1, 1, 2, 3, 6, 1.5, 1e308, -0, 2 ** 53];

const readBundled = (file: string) => readFileSync(join(BUNDLED_QUESTIONNAIRES_DIR, file));
const LIBRARY_BYTES = readBundled('library/pci-dss-v4.0.1.json');
const SAQ_SOURCES = ['saq-a.json', 'saq-a-ep.json', 'saq-d-merchant.json'].map((file) => ({
  file,
  value: JSON.parse(readBundled(file).toString('utf8')) as Json,
}));
const LIBRARY_VALUE = JSON.parse(LIBRARY_BYTES.toString('utf8')) as Json;

function containers(root: Json): Container[] {
  const found: Container[] = [];
  const visit = (value: Json) => {
    if (typeof value !== 'object' || value === null) return;
    found.push(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child);
  };
  visit(root);
  return found;
}

function mutate(root: Json, random: () => number): Json {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const randomValue = (depth = 0): Json => {
    switch (Math.floor(random() * 8)) {
      case 0:
        return null;
      case 1:
        return random() < 0.5;
      case 2:
        return pick(NUMBERS);
      case 3:
      case 4:
        return pick(STRINGS);
      case 5:
        return depth > 2 ? [] : [randomValue(depth + 1), randomValue(depth + 1)];
      case 6: {
        let deep: Json = [];
        for (let level = 0; level < 200; level += 1) deep = [deep];
        return deep;
      }
      default:
        return depth > 2 ? {} : { [pick(STRINGS)]: randomValue(depth + 1) };
    }
  };

  const target = pick(containers(root));
  const keys: (string | number)[] = Array.isArray(target)
    ? target.map((_, index) => index)
    : Object.keys(target);
  if (keys.length === 0) return root;
  const key = pick(keys);
  const index = Number(key);
  const set = (value: Json) => {
    if (Array.isArray(target)) target[index] = value;
    else target[String(key)] = value;
  };

  switch (Math.floor(random() * 7)) {
    case 0:
      if (Array.isArray(target)) target.splice(index, 1);
      else Reflect.deleteProperty(target, String(key));
      break;
    case 1:
      set(randomValue());
      break;
    case 2:
      if (Array.isArray(target)) target.splice(index, 0, structuredClone(target[index] ?? null));
      else target[pick(STRINGS)] = randomValue();
      break;
    case 3:
      if (Array.isArray(target) && target.length > 1) {
        const other = Math.floor(random() * target.length);
        const swapped = target[index] ?? null;
        target[index] = target[other] ?? null;
        target[other] = swapped;
      } else set(pick(STRINGS));
      break;
    case 4:
      set(pick(STRINGS));
      break;
    case 5:
      set(Array.isArray(target) ? pick(NUMBERS) : String(pick(NUMBERS)));
      break;
    default:
      if (Array.isArray(target)) target.length = Math.floor(random() * target.length);
      else set(randomValue());
  }
  return root;
}

function mutateText(text: string, random: () => number): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  const at = Math.floor(random() * bytes.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return bytes.slice(0, at);
    case 1: {
      const flipped = bytes.slice();
      flipped[at] = Math.floor(random() * 256);
      return flipped;
    }
    case 2:
      return new TextEncoder().encode(`\uFEFF${text}`);
    default:
      return new Uint8Array([...bytes.slice(0, at), 0xc3, 0x28, ...bytes.slice(at)]);
  }
}

describe('definition loading under mutation', () => {
  it('turns every mutated definition into clean problems or a usable, resolvable entry', () => {
    const random = prng(SEED);
    const bundledLibrary = new Catalogue(
      [{ file: 'library.json', source: 'bundled', bytes: LIBRARY_BYTES, readError: null }],
      null,
    );
    const outcomes = { usable: 0, unusable: 0, iterations: 0 };
    const started = performance.now();

    for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
      if (performance.now() - started > TIME_BUDGET_MS) break;
      outcomes.iterations += 1;

      // One case in five mutates the library (checked with SAQ A against it);
      // the rest mutate an SAQ checked against the intact library.
      const mutatesLibrary = random() < 0.2;
      const source = mutatesLibrary
        ? { file: 'library.json', value: LIBRARY_VALUE }
        : SAQ_SOURCES[iteration % 3]!;
      let value = structuredClone(source.value);
      const rounds = 1 + Math.floor(random() * 3);
      for (let round = 0; round < rounds; round += 1) value = mutate(value, random);
      const text = JSON.stringify(value);
      const bytes = random() < 0.1 ? mutateText(text, random) : new TextEncoder().encode(text);

      const files: DefinitionFile[] = [
        { file: source.file, source: 'user', bytes, readError: null },
      ];
      if (mutatesLibrary) {
        files.push({
          file: 'saq-a.json',
          source: 'user',
          bytes: readBundled('saq-a.json'),
          readError: null,
        });
      }
      const catalogue = new Catalogue(
        files,
        null,
        mutatesLibrary ? {} : { fallbackLibraries: [bundledLibrary] },
      );

      for (const entry of catalogue.entries) {
        expect(entry.usable).toBe(entry.problems.length === 0);
        for (const problem of entry.problems) {
          expect(problem.file).toBe(entry.file);
          expect(problem.path).toMatch(/^\$/);
          expect(typeof problem.message === 'string' && problem.message.length > 0).toBe(true);
        }
        if (entry.usable) outcomes.usable += 1;
        else outcomes.unusable += 1;

        if (entry.usable && entry.kind === 'saq' && entry.id !== null) {
          const resolved = catalogue.resolve(entry.id);
          expect(new Set(resolved.answerRowIds).size).toBe(resolved.answerRowIds.length);
          expect(resolved.answerRowIds.length).toBeGreaterThan(0);
        }
      }
    }

    // Both kinds of outcome must occur, or the mutations are not exercising the checks.
    expect(outcomes.iterations).toBeGreaterThan(500);
    expect(outcomes.usable).toBeGreaterThan(0);
    expect(outcomes.unusable).toBeGreaterThan(outcomes.iterations / 4);
  });
});
