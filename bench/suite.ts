/** One benchmark: measures something and prints its figures as lines. */
export interface BenchSuite {
  readonly name: string;
  run(print: (line: string) => void): Promise<void>;
}

/** Median and a high percentile of a sample, in the sample's unit. */
export function summarize(samples: readonly number[]): {
  median: number;
  p99: number;
  min: number;
  max: number;
} {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

  return {
    median: at(0.5),
    p99: at(0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function formatMs(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
}
