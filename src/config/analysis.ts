import * as z from '../model/zod.js';
import { doc, flag, intBetween, matching, numberBetween, positiveInt } from './env.js';

/** Which analyser looks at each upload: Amazon Rekognition, the offline models, or nothing. */
export const ANALYZERS = ['rekognition', 'local', 'none'] as const;
export type AnalyzerKind = (typeof ANALYZERS)[number];

/** DetectFaces' `Attributes`: DEFAULT is box, confidence, landmarks; ALL adds age range, emotions, … */
export const FACE_ATTRIBUTES = ['ALL', 'DEFAULT'] as const;
export type FaceAttributes = (typeof FACE_ATTRIBUTES)[number];

/**
 * Rejected by default, with every label under them: `Explicit` is the top level of Rekognition's
 * current taxonomy (Explicit Nudity, Explicit Sexual Activity, Sex Toys); `Explicit Nudity` was
 * the top level of the previous one, and is what the local analyser reports.
 */
export const DEFAULT_REJECT_LABELS = ['Explicit', 'Explicit Nudity'];

/** What the duplicates step does with a near-duplicate of one of the owner's images. */
export const DUPLICATE_ACTIONS = ['off', 'review', 'reject'] as const;
export type DuplicateAction = (typeof DUPLICATE_ACTIONS)[number];

/** nsfwjs' moderation models (src/processor/analysis/local/runtime.ts loads them). */
export const LOCAL_MODERATION_MODELS = [
  'mobilenet_v2',
  'mobilenet_v2_mid',
  'inception_v3',
] as const;
export type LocalModerationModel = (typeof LOCAL_MODERATION_MODELS)[number];
const isLocalModerationModel = (name: string): name is LocalModerationModel =>
  (LOCAL_MODERATION_MODELS as readonly string[]).includes(name);

/**
 * Measured on 110 ordinary pictures (docs/MODERATION.md): MobileNetV2 alone rejected a yellow
 * flower and wood grain at 50 %; its mid-sized sibling gives none of them more than 28 %, is as
 * fast, and nsfwjs reports it as the more accurate (~93 % against ~90 %).
 */
export const DEFAULT_LOCAL_MODERATION_MODELS: readonly LocalModerationModel[] = [
  'mobilenet_v2_mid',
];
/** From 80 %: rejected outright; 50 % to 80 %: a person decides; below: allowed. */
export const DEFAULT_REJECT_THRESHOLD = 0.8;
export const DEFAULT_REVIEW_THRESHOLD = 0.5;

const ratio = (fallback: number) =>
  z._default(
    numberBetween(
      0,
      1,
      'expected a ratio between 0 and 1 (0.5 means 50 %)',
      'expected a number between 0 and 1',
    ),
    fallback,
  );

/** A comma-separated list: blanks around names and empty entries are dropped. */
const commaSeparated = z.pipe(
  z.string(),
  z.transform((value: string) =>
    value
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0),
  ),
);

/** A comma-separated list of label names. */
const labelList = (fallback: string[]) =>
  z._default(
    z.pipe(
      commaSeparated,
      z
        .array(z.string())
        .check(
          z.minLength(1, { error: 'expected a comma-separated list of moderation label names' }),
        ),
    ),
    fallback,
  );

/**
 * Settings of the analysis step (faces, moderation, labels) and the moderation gate. Spread into
 * the processor's schema; keys are the environment variable names.
 */
export const analysisEnv = {
  ANALYZER: doc(
    z._default(z.enum(ANALYZERS, { error: `expected one of ${ANALYZERS.join(', ')}` }), 'local'),
    'Which analyser looks at each upload (`rekognition`, `local`, `none`): `local` runs models shipped in npm packages, offline; on AWS Terraform sets `rekognition`.',
  ),
  REKOGNITION_REGION: doc(
    z.optional(
      matching(
        /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/,
        'expected an AWS region code such as us-east-1',
      ),
    ),
    "The region Amazon Rekognition is called in (ANALYZER=rekognition), for a function in a region without it; Terraform sets it from rekognition_region. Unset: AWS_REGION, the function's own.",
    "the function's region (`AWS_REGION`)",
  ),
  MODERATION_THRESHOLD: doc(
    ratio(DEFAULT_REJECT_THRESHOLD),
    'Confidence (a ratio, 0..1) at or above which a reject label rejects the image. Chosen with `npm run eval:moderation` (docs/MODERATION.md).',
  ),
  MODERATION_REVIEW_THRESHOLD: doc(
    ratio(DEFAULT_REVIEW_THRESHOLD),
    'Confidence (a ratio, at most MODERATION_THRESHOLD) at or above which a reject label holds the image `IN_REVIEW` for a person (approveImage / rejectImage). Equal to MODERATION_THRESHOLD: no review, the gate only rejects.',
  ),
  LOCAL_MODERATION_MODELS: doc(
    z._default(
      z.pipe(
        commaSeparated,
        z.pipe(
          z.array(z.string()).check(
            z.minLength(1, {
              error: `expected one or more of ${LOCAL_MODERATION_MODELS.join(', ')}, comma-separated`,
            }),
            z.refine((names) => names.every(isLocalModerationModel), {
              error: `expected model names from ${LOCAL_MODERATION_MODELS.join(', ')}`,
            }),
          ),
          z.transform((names) => names.filter(isLocalModerationModel)),
        ),
      ),
      [...DEFAULT_LOCAL_MODERATION_MODELS],
    ),
    "The nsfwjs models the local analyser's moderation runs (`mobilenet_v2`, `mobilenet_v2_mid`, `inception_v3`), comma-separated; with several, a label counts only as far as every model agrees. Chosen with `npm run eval:moderation` (docs/MODERATION.md).",
  ),
  MODERATION_REJECT_LABELS: doc(
    labelList(DEFAULT_REJECT_LABELS),
    'Moderation labels that reject an image, comma-separated; a label also rejects when one of its parents is listed.',
  ),
  REVIEW_REMINDER_HOURS: doc(
    positiveInt(24),
    'An image `IN_REVIEW` for this many hours is announced again (`image.review_reminder`), and again after each further period, until a person decides.',
  ),
  DUPLICATES: doc(
    z._default(
      z.enum(DUPLICATE_ACTIONS, { error: `expected one of ${DUPLICATE_ACTIONS.join(', ')}` }),
      'off',
    ),
    "What an upload whose perceptual hash is within DUPLICATE_MAX_DISTANCE bits of one of the same owner's images becomes: `off` (nothing), `review` (`IN_REVIEW`) or `reject` (`REJECTED`, `DUPLICATE`); `Image.duplicateOf` names the image it resembles. Owners are never compared with each other.",
  ),
  DUPLICATE_MAX_DISTANCE: doc(
    z._default(intBetween(0, 32, 'expected a whole number of bits from 0 to 32'), 6),
    'Perceptual-hash bits (of 64) two images may differ by and still count as duplicates: resized or recompressed copies differ by a few, different pictures by about 32.',
  ),
  DETECT_LABELS: doc(
    flag(),
    'Also detect objects and scenes (Rekognition DetectLabels; CenterNet locally). Off by default on the embedded default, where it costs ~250 ms an image for COCO-only labels; Terraform turns it on for Rekognition.',
  ),
  FACE_ATTRIBUTES: doc(
    z._default(
      z.enum(FACE_ATTRIBUTES, { error: `expected ${FACE_ATTRIBUTES.join(' or ')}` }),
      'ALL',
    ),
    'Face details: `ALL` (age range, emotions, landmarks, …) or `DEFAULT` (box, confidence, landmarks).',
  ),
};

/** The one rule across settings: review starts at or below the reject threshold. */
export const reviewBelowReject = z.refine<{
  MODERATION_REVIEW_THRESHOLD: number;
  MODERATION_THRESHOLD: number;
}>((s) => s.MODERATION_REVIEW_THRESHOLD <= s.MODERATION_THRESHOLD, {
  error: 'expected at most MODERATION_THRESHOLD (a person reviews below the reject threshold)',
  path: ['MODERATION_REVIEW_THRESHOLD'],
});

export const analysisEnvSchema = z.object(analysisEnv).check(reviewBelowReject);
export type AnalysisConfig = z.infer<typeof analysisEnvSchema>;
