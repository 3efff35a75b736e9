import { analysisImage } from '../../imaging/decode.js';
import { need, type Step } from '../job.js';

/** Faces, moderation labels and labels, from an analysis image made from the same decode. */
export const analyse: Step = {
  name: 'analyse',
  async run(job) {
    const { analysis } = job.services;
    if (!analysis) return;
    const decoded = need(job.decoded, 'the decode', 'analyse');
    const started = performance.now();
    const found = await analysis.analyzer.analyze(
      await analysisImage(decoded, analysis.longestSide),
    );
    job.result.timings.analysisMs = Math.round(performance.now() - started);
    job.found = found;
    job.result.faces = [...found.faces].sort(
      (a, b) => b.box.width * b.box.height - a.box.width * a.box.height,
    );
    job.result.labels = [...found.labels].sort((a, b) => b.confidence - a.confidence);
  },
};
