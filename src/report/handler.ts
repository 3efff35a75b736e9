import { emptyCounters } from '../model/metrics.js';
import type { AnnouncementNotifier } from '../notify/notifier.js';
import type { Logger } from '../observability/logger.js';
import { ALL_OWNERS } from '../table/layout.js';
import { utcDay, type MetricsTable } from '../table/metrics.js';
import { dailyReport } from './summary.js';

export interface ReportServices {
  metrics: MetricsTable;
  notifier: AnnouncementNotifier;
  logger: Logger;
  now?: () => Date;
}

/** The day before `at`, in UTC. */
export const yesterday = (at: Date) => utcDay(new Date(at.getTime() - 24 * 60 * 60 * 1000));

/**
 * The scheduled report: reads one day's counters for everyone (one item) and publishes the summary
 * to the topic. The schedule's event may name a day (`{"date": "YYYY-MM-DD"}`); otherwise yesterday.
 */
export function createReportHandler(services: ReportServices) {
  return async (event: { date?: string } = {}) => {
    const day = event.date ?? yesterday((services.now ?? (() => new Date()))());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`date must be YYYY-MM-DD, got ${day}`);
    const [found] = await services.metrics.readDays(ALL_OWNERS, day, day);
    const report = dailyReport(day, found?.counters ?? emptyCounters());
    await services.notifier.announce(report);
    services.logger.info('daily report published', { day, subject: report.subject });
    return report;
  };
}
