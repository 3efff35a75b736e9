/**
 * Picks the analyser the configuration names, and the moderation gate it feeds.
 *
 *   ANALYZER=rekognition  Amazon Rekognition (AWS)
 *   ANALYZER=local        offline models from npm packages (the embedded default)
 *   ANALYZER=none         no analysis: empty results, so every image is allowed
 *
 * The local analyser is reached only through a dynamic import() made on its first analyze(), so
 * a Lambda bundle neither needs nor loads Human, nsfwjs or TensorFlow.js (the build marks those
 * packages external and fails if one leaks in).
 */
import type { RekognitionClient } from '@aws-sdk/client-rekognition';
import type { AnalysisConfig } from '../../config/analysis.js';
import type { ModerationLabel, ModerationVerdict } from '../../model/analysis.js';
import type { AnalysisImage, AnalysisResult, Analyzer } from './analyzer.js';
import { moderationGate, type GateVerdict } from './gate.js';
import type { LocalAnalyzerOptions } from './local/index.js';
import { RekognitionAnalyzer, rekognitionRegion, type RetryOptions } from './rekognition.js';

/** Analysis before any variant is made; absent when analysis is switched off. */
export interface AnalysisStep {
  analyzer: Analyzer;
  /** Decides from the moderation labels whether the image may be served. */
  judge: (labels: AnalysisResult['moderation']) => ModerationVerdict;
  /** Longest side of the analysis image made from the single decode. */
  longestSide: number;
}

export interface CreateAnalyzerOptions {
  /** Rekognition: a client to use (tests, custom endpoints); otherwise one for its region. */
  rekognitionClient?: RekognitionClient;
  rekognitionRetry?: RetryOptions;
}

export type AnalyzerSettings = Pick<
  AnalysisConfig,
  | 'ANALYZER'
  | 'MODERATION_THRESHOLD'
  | 'MODERATION_REVIEW_THRESHOLD'
  | 'LOCAL_MODERATION_MODELS'
  | 'DETECT_LABELS'
  | 'FACE_ATTRIBUTES'
  | 'REKOGNITION_REGION'
> & { AWS_REGION?: string };

/** Reports nothing: used when analysis is switched off. */
export class NoAnalyzer implements Analyzer {
  readonly name = 'none';
  analyze(): Promise<AnalysisResult> {
    return Promise.resolve({ faces: [], moderation: [], labels: [] });
  }
}

/** Defers loading the local analyser's module (and its models) to the first analyze(). */
export class LazyLocalAnalyzer implements Analyzer {
  readonly name = 'local';
  #analyzer: Promise<Analyzer> | undefined;

  constructor(private readonly options: LocalAnalyzerOptions) {}

  async analyze(image: AnalysisImage): Promise<AnalysisResult> {
    this.#analyzer ??= import('./local/index.js').then(
      ({ LocalAnalyzer }) => new LocalAnalyzer(this.options),
    );
    return (await this.#analyzer).analyze(image);
  }
}

/**
 * Moderation labels below this are not requested: the gate's lower threshold (so it sees every
 * label that could hold or reject), and never above Rekognition's own default of 50 %.
 */
const moderationFloor = (config: Pick<AnalysisConfig, 'MODERATION_REVIEW_THRESHOLD'>) =>
  Math.min(config.MODERATION_REVIEW_THRESHOLD, 0.5);

export function createAnalyzer(
  config: AnalyzerSettings,
  options: CreateAnalyzerOptions = {},
): Analyzer {
  switch (config.ANALYZER) {
    case 'none':
      return new NoAnalyzer();
    case 'rekognition': {
      const region = rekognitionRegion(config);
      return new RekognitionAnalyzer({
        ...(options.rekognitionClient ? { client: options.rekognitionClient } : {}),
        ...(region ? { region } : {}),
        ...(options.rekognitionRetry ? { retry: options.rekognitionRetry } : {}),
        faceAttributes: config.FACE_ATTRIBUTES,
        detectLabels: config.DETECT_LABELS,
        moderationMinConfidence: moderationFloor(config),
      });
    }
    case 'local':
      return new LazyLocalAnalyzer({
        faceAttributes: config.FACE_ATTRIBUTES === 'ALL',
        detectLabels: config.DETECT_LABELS,
        moderationMinConfidence: moderationFloor(config),
        moderationModels: config.LOCAL_MODERATION_MODELS,
      });
    default: {
      const unknown: never = config.ANALYZER;
      throw new Error(`unknown ANALYZER ${JSON.stringify(unknown)}`);
    }
  }
}

/** Longest side of the analysis image: within Rekognition's limits and its recommended size. */
export const ANALYSIS_LONGEST_SIDE = 1600;

/** The processor's analysis step for the configuration, or undefined when ANALYZER=none. */
export function createAnalysisStep(
  config: AnalyzerSettings & Pick<AnalysisConfig, 'MODERATION_REJECT_LABELS'>,
  options: CreateAnalyzerOptions = {},
): AnalysisStep | undefined {
  if (config.ANALYZER === 'none') return undefined;
  return {
    analyzer: createAnalyzer(config, options),
    judge: createJudge(config),
    longestSide: ANALYSIS_LONGEST_SIDE,
  };
}

/** The gate with the configured thresholds and reject labels, as the processor's `judge`. */
export function createJudge(
  config: Pick<AnalysisConfig, 'MODERATION_THRESHOLD' | 'MODERATION_REJECT_LABELS'> &
    Partial<Pick<AnalysisConfig, 'MODERATION_REVIEW_THRESHOLD'>>,
): (labels: readonly ModerationLabel[]) => GateVerdict {
  return (labels) =>
    moderationGate(labels, {
      threshold: config.MODERATION_THRESHOLD,
      reviewThreshold: config.MODERATION_REVIEW_THRESHOLD ?? config.MODERATION_THRESHOLD,
      rejectLabels: config.MODERATION_REJECT_LABELS,
    });
}
