import { FAILURE_CODES, type FailureCode } from '../../../model/failure.js';
import {
  addCounters,
  awaitingReview,
  emptyCounters,
  summarize,
  type Counters,
} from '../../../model/metrics.js';
import type { Metrics, QueryResolvers } from '../../../schema/generated/resolvers-types.js';
import { utcDay } from '../../../table/metrics.js';
import { ALL_OWNERS } from '../../../table/layout.js';
import { badUserInput, forbidden } from '../../errors.js';

export const MAX_METRICS_DAYS = 366;
const SERIES_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

const shiftDay = (day: string, days: number) =>
  utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

function present(c: Counters) {
  const summary = summarize(c);
  return {
    total: c.uploads,
    processed: c.processed,
    rejected: c.rejected,
    failed: c.failed,
    reprocessed: c.reprocessed,
    inReview: c.inReview,
    approved: c.approved,
    reviewRejected: c.reviewRejected,
    bytesIn: c.bytesIn,
    bytesOut: c.bytesOut,
    facesDetected: c.facesDetected,
    averageProcessingMs: summary.averageProcessingMs,
    p95ProcessingMs: summary.p95ProcessingMs,
  };
}

export const metrics: QueryResolvers['metrics'] = async (_, args, ctx) => {
  const today = utcDay(ctx.now());
  const allTime = args.from == null && args.to == null;
  const to = args.to ?? today;
  const from = args.from ?? shiftDay(to, -(SERIES_DAYS - 1));
  if (from > to) throw badUserInput(`from (${from}) is after to (${to})`, 'from');
  if (daysBetween(from, to) > MAX_METRICS_DAYS) {
    throw badUserInput(`a range covers at most ${MAX_METRICS_DAYS} days`, 'from');
  }

  if (args.scope === 'ALL' && !ctx.admin) {
    throw forbidden('metrics for every owner (scope: ALL) need the admin group');
  }
  const scope = args.scope === 'ALL' ? ALL_OWNERS : ctx.owner;

  // One query for the day items, and one read of the running total (all time's counters, and
  // the review queue's length whatever the range).
  const [days, total] = await Promise.all([
    ctx.metrics.readDays(scope, from, to),
    ctx.metrics.readTotals(scope),
  ]);
  const counters = allTime
    ? total
    : days.reduce((sum, d) => addCounters(sum, d.counters), emptyCounters());
  const summary = summarize(counters);
  const result: Metrics = {
    from: allTime ? null : from,
    to: allTime ? null : to,
    ...present(counters),
    awaitingReview: awaitingReview(total),
    bytesSaved: summary.bytesSaved,
    compressionRatio: summary.compressionRatio,
    rejectionRate: summary.rejectionRate,
    p50ProcessingMs: summary.p50ProcessingMs,
    variantBytes: Object.entries(counters.variantBytes)
      .map(([variant, bytes]) => ({ variant, bytes }))
      .sort((a, b) => a.variant.localeCompare(b.variant)),
    failureReasons: (Object.entries(counters.reasons) as [FailureCode, number][])
      .filter(([code, count]) => count > 0 && code in FAILURE_CODES)
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    series: days.map(({ day, counters: c }) => ({ date: day, ...present(c) })),
  };
  return result;
};
