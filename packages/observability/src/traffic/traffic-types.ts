/** Live traffic wire types live in the contract package (the dashboard imports them from there). */
export type { StatusSplit, TrafficSeriesPoints, TrafficSummary, TrafficSnapshot, ServerStatsRow, TrafficStats } from '@wharf/config';

export interface TrafficClock {
  /** epoch ms */
  now(): number;
}
