import * as z from '../model/zod.js';
import { doc, flag, matching, numberBetween } from './env.js';

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

/** A comma-separated list of label names; blanks around names and empty entries are dropped. */
const labelList = (fallback: string[]) =>
  z._default(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((value: string) =>
          value
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name.length > 0),
        ),
      ),
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
    z._default(
      numberBetween(
        0,
        1,
        'expected a ratio between 0 and 1 (0.5 means 50 %)',
        'expected a number between 0 and 1',
      ),
      0.5,
    ),
    'Confidence (a ratio, 0..1) at or above which a reject label rejects the image.',
  ),
  MODERATION_REJECT_LABELS: doc(
    labelList(DEFAULT_REJECT_LABELS),
    'Moderation labels that reject an image, comma-separated; a label also rejects when one of its parents is listed.',
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

export const analysisEnvSchema = z.object(analysisEnv);
export type AnalysisConfig = z.infer<typeof analysisEnvSchema>;
