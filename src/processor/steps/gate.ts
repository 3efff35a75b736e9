import type { Step } from '../job.js';

/**
 * The moderation decision. A rejected image ends here: nothing is rendered or stored, and the
 * original stays for audit but is never served. A borderline one is held: the flow goes on and
 * ends IN_REVIEW, for a person to approve or reject.
 */
export const gate: Step = {
  name: 'gate',
  run(job) {
    const { analysis } = job.services;
    if (!analysis || !job.found) return;
    const started = performance.now();
    const verdict = analysis.judge(job.found.moderation);
    job.result.timings.gateMs = Math.round(performance.now() - started);
    job.result.moderation = {
      decision: verdict.decision,
      threshold: verdict.threshold,
      reviewThreshold: verdict.reviewThreshold,
      labels: job.found.moderation,
      analyzer: analysis.analyzer.name,
    };
    if (verdict.decision === 'IN_REVIEW') (job.held ??= []).push(verdict.reason!);
    if (verdict.decision !== 'REJECTED') return;
    job.result.error = verdict.reason;
    job.result.errorCode = 'MODERATION';
    return 'REJECTED';
  },
};
