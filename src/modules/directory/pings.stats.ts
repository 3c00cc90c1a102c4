// Response figures of communication checks: rates and median and 95th-percentile times to confirm.
import { percentile } from '../../platform/statistics.ts';

export interface Stats {
  key: string;
  tasks: number;
  confirmed: number;
  rate: number;
  medianMinutes: number | null;
  p95Minutes: number | null;
}

/** Response figures of a set of tasks: how many, how many confirmed, the rate, median and 95th-percentile minutes. */
export function stats(key: string, rows: { minutes: number | null }[]): Stats {
  const times = rows
    .filter((r) => r.minutes !== null)
    .map((r) => r.minutes as number)
    .sort((a, b) => a - b);
  return {
    key,
    tasks: rows.length,
    confirmed: times.length,
    rate: rows.length ? times.length / rows.length : 0,
    medianMinutes: percentile(times, 50),
    p95Minutes: percentile(times, 95),
  };
}

/** The same figures per group (State, region, kind), sorted by the group's key. */
export function groupStats<T extends { minutes: number | null }>(rows: T[], key: (r: T) => string): Stats[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  return [...groups].map(([k, rs]) => stats(k, rs)).sort((a, b) => a.key.localeCompare(b.key));
}
