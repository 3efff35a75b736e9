/**
 * The moderation gate: a pure decision from the analyser's moderation labels. An image is
 * REJECTED when any label that is listed, or that sits under a listed label in Rekognition's
 * taxonomy, has a confidence at or above the threshold.
 */
import { DEFAULT_REJECT_LABELS } from '../../config/analysis.js';
import type { ModerationLabel, ModerationVerdict } from '../../model/analysis.js';

export interface GateOptions {
  /** Ratio 0..1; a matching label at or above it rejects. Default 0.5. */
  threshold?: number;
  /** Label names that reject (case-insensitive), together with every label under them. */
  rejectLabels?: readonly string[];
}

/** One label that made the gate reject. */
export interface GateReason {
  label: string;
  parent?: string;
  confidence: number;
}

export interface GateVerdict extends ModerationVerdict {
  /** Every label that reached the threshold, most confident first; empty when allowed. */
  reasons: GateReason[];
}

export const DEFAULT_THRESHOLD = 0.5;

const key = (name: string) => name.trim().toLowerCase();

/**
 * The label's name and its ancestors, nearest first. Rekognition gives only the direct parent
 * (`ParentName`), so grandparents are found through the parent's own label in the same response.
 */
function lineage(label: ModerationLabel, parents: Map<string, string | undefined>): string[] {
  const names = [key(label.name)];
  let parent = label.parent;
  while (parent && !names.includes(key(parent))) {
    names.push(key(parent));
    parent = parents.get(key(parent));
  }
  return names;
}

export function moderationGate(
  labels: readonly ModerationLabel[],
  options: GateOptions = {},
): GateVerdict {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(`moderation threshold must be a ratio in 0..1 (got ${threshold})`);
  }
  const listed = new Set((options.rejectLabels ?? DEFAULT_REJECT_LABELS).map(key));
  const parents = new Map<string, string | undefined>();
  for (const label of labels) {
    if (!parents.get(key(label.name))) parents.set(key(label.name), label.parent || undefined);
  }

  const reasons: GateReason[] = labels
    .filter((label) => label.confidence >= threshold)
    .filter((label) => lineage(label, parents).some((name) => listed.has(name)))
    .map((label) => ({
      label: label.name,
      ...(label.parent ? { parent: label.parent } : {}),
      confidence: label.confidence,
    }))
    .sort((a, b) => b.confidence - a.confidence);

  if (reasons.length === 0) return { decision: 'ALLOWED', threshold, reasons };
  return { decision: 'REJECTED', threshold, reasons, reason: rejectionText(reasons, threshold) };
}

const percent = (ratio: number) => `${Math.round(ratio * 1000) / 10}%`;

/** E.g. "rejected by moderation: Explicit Nudity (97.2%), Exposed Female Nipple (91%, under Explicit Nudity); threshold 50%". */
export function rejectionText(reasons: readonly GateReason[], threshold: number): string {
  const listed = reasons
    .map((r) => `${r.label} (${percent(r.confidence)}${r.parent ? `, under ${r.parent}` : ''})`)
    .join(', ');
  return `rejected by moderation: ${listed}; threshold ${percent(threshold)}`;
}
