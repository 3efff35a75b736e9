import { z } from 'zod';

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
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name.length > 0),
    )
    .pipe(
      z
        .array(z.string())
        .min(1, { error: 'expected a comma-separated list of moderation label names' }),
    )
    .default(fallback);

/**
 * Settings of the analysis step (faces, moderation, labels) and the moderation gate. Spread into
 * the processor's schema; keys are the environment variable names.
 */
export const analysisEnv = {
  ANALYZER: z
    .enum(ANALYZERS, { error: `expected one of ${ANALYZERS.join(', ')}` })
    .default('local')
    .meta({
      description:
        'Which analyser looks at each upload (`rekognition`, `local`, `none`): `local` runs models shipped in npm packages, offline; on AWS Terraform sets `rekognition`.',
    }),
  MODERATION_THRESHOLD: z.coerce
    .number({ error: 'expected a number between 0 and 1' })
    .min(0, { error: 'expected a ratio between 0 and 1 (0.5 means 50 %)' })
    .max(1, { error: 'expected a ratio between 0 and 1 (0.5 means 50 %)' })
    .default(0.5)
    .meta({
      description: 'Confidence (a ratio, 0..1) at or above which a reject label rejects the image.',
    }),
  MODERATION_REJECT_LABELS: labelList(DEFAULT_REJECT_LABELS).meta({
    description:
      'Moderation labels that reject an image, comma-separated; a label also rejects when one of its parents is listed.',
  }),
  DETECT_LABELS: z.stringbool({ error: 'expected true or false' }).default(false).meta({
    description:
      'Also detect objects and scenes (Rekognition DetectLabels; CenterNet locally). Off by default on the embedded default, where it costs ~250 ms an image for COCO-only labels; Terraform turns it on for Rekognition.',
  }),
  FACE_ATTRIBUTES: z
    .enum(FACE_ATTRIBUTES, { error: `expected ${FACE_ATTRIBUTES.join(' or ')}` })
    .default('ALL')
    .meta({
      description:
        'Face details: `ALL` (age range, emotions, landmarks, …) or `DEFAULT` (box, confidence, landmarks).',
    }),
};

export const analysisEnvSchema = z.object(analysisEnv);
export type AnalysisConfig = z.infer<typeof analysisEnvSchema>;
