import type { Step } from '../job.js';

/**
 * The moderation decision. A rejected image ends here: nothing is rendered or stored, and the
 * original stays for audit but is never served.
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
      labels: job.found.moderation,
      analyzer: analysis.analyzer.name,
    };
    if (verdict.decision !== 'REJECTED') return;
    job.result.error = verdict.reason;
    job.result.errorCode = 'MODERATION';
    return 'REJECTED';
  },
};
