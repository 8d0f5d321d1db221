// Each bench records its headline results here; `npm run bench` (run.mjs) prints them side by side at the end,
// each with its target and "met" / "NOT met". Run alone, a bench just prints its own lines.
import { appendFileSync } from 'node:fs';

/** @param {{ what: string, measured: string, reference: string, target: string, met: boolean }} row */
export function record(row) {
  console.log(`${row.what}: ${row.measured} | ${row.reference} | target ${row.target}: ${row.met ? 'met' : 'NOT met'}`);
  const file = process.env.BENCH_SUMMARY_FILE;
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The value at fraction p (0..1) of the sorted values, interpolated. */
export function quantile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}
