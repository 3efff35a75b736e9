import { describe, expect, it } from 'vitest';
import * as z from '../../src/model/zod.js';
import { analysisEnv, analysisEnvSchema } from '../../src/config/analysis.js';
import { ConfigError, parseEnv } from '../../src/config/env.js';
import { loadProcessorConfig } from '../../src/config/processor.js';

const schema = z.object(analysisEnv);
const parse = (env: Record<string, string | undefined>) => parseEnv(schema, env);

describe('analysisEnv', () => {
  it('has local-mode defaults', () => {
    // REKOGNITION_REGION unset: Rekognition is called in AWS_REGION.
    expect(parse({}).REKOGNITION_REGION).toBeUndefined();
    expect(parse({})).toEqual({
      ANALYZER: 'local',
      MODERATION_THRESHOLD: 0.8,
      MODERATION_REVIEW_THRESHOLD: 0.5,
      LOCAL_MODERATION_MODELS: ['mobilenet_v2_mid'],
      MODERATION_REJECT_LABELS: ['Explicit', 'Explicit Nudity'],
      REVIEW_REMINDER_HOURS: 24,
      DUPLICATES: 'off',
      DUPLICATE_MAX_DISTANCE: 6,
      DETECT_LABELS: false,
      FACE_ATTRIBUTES: 'ALL',
    });
  });

  it('reads every setting', () => {
    expect(
      parse({
        ANALYZER: 'rekognition',
        MODERATION_THRESHOLD: '0.9',
        MODERATION_REVIEW_THRESHOLD: '0.4',
        LOCAL_MODERATION_MODELS: 'mobilenet_v2, inception_v3',
        MODERATION_REJECT_LABELS: 'Explicit Nudity, Explicit Sexual Activity,,Violence ',
        REVIEW_REMINDER_HOURS: '6',
        DUPLICATES: 'review',
        DUPLICATE_MAX_DISTANCE: '10',
        DETECT_LABELS: 'false',
        FACE_ATTRIBUTES: 'DEFAULT',
        REKOGNITION_REGION: 'us-east-1',
      }),
    ).toEqual({
      ANALYZER: 'rekognition',
      REKOGNITION_REGION: 'us-east-1',
      MODERATION_THRESHOLD: 0.9,
      MODERATION_REVIEW_THRESHOLD: 0.4,
      LOCAL_MODERATION_MODELS: ['mobilenet_v2', 'inception_v3'],
      MODERATION_REJECT_LABELS: ['Explicit Nudity', 'Explicit Sexual Activity', 'Violence'],
      REVIEW_REMINDER_HOURS: 6,
      DUPLICATES: 'review',
      DUPLICATE_MAX_DISTANCE: 10,
      DETECT_LABELS: false,
      FACE_ATTRIBUTES: 'DEFAULT',
    });
  });

  it('treats empty variables as unset', () => {
    expect(parse({ ANALYZER: '', MODERATION_THRESHOLD: '' })).toMatchObject({
      ANALYZER: 'local',
      MODERATION_THRESHOLD: 0.8,
    });
  });

  it.each([
    ['ANALYZER', 'google', /ANALYZER: expected one of rekognition, local, none/],
    ['MODERATION_THRESHOLD', '50', /MODERATION_THRESHOLD: expected a ratio between 0 and 1/],
    ['MODERATION_THRESHOLD', 'high', /MODERATION_THRESHOLD: expected a number/],
    ['MODERATION_REJECT_LABELS', ' , ', /MODERATION_REJECT_LABELS: expected a comma-separated/],
    ['DETECT_LABELS', 'maybe', /DETECT_LABELS: expected true or false/],
    ['FACE_ATTRIBUTES', 'SOME', /FACE_ATTRIBUTES: expected ALL or DEFAULT/],
    ['REKOGNITION_REGION', 'Ireland', /REKOGNITION_REGION: expected an AWS region code/],
    ['LOCAL_MODERATION_MODELS', 'resnet', /LOCAL_MODERATION_MODELS: expected model names from/],
    ['LOCAL_MODERATION_MODELS', ' , ', /LOCAL_MODERATION_MODELS: expected one or more of/],
    ['DUPLICATES', 'maybe', /DUPLICATES: expected one of off, review, reject/],
    ['DUPLICATE_MAX_DISTANCE', '33', /DUPLICATE_MAX_DISTANCE: expected a whole number of bits/],
    ['REVIEW_REMINDER_HOURS', '0', /REVIEW_REMINDER_HOURS: expected a number greater than 0/],
  ])('names a bad %s', (name, value, message) => {
    expect(() => parse({ [name]: value })).toThrow(ConfigError);
    expect(() => parse({ [name]: value })).toThrow(message);
  });
});

describe('the review threshold', () => {
  it.each([
    ['the analysis settings', (env: Record<string, string>) => parseEnv(analysisEnvSchema, env)],
    [
      "the processor's",
      (env: Record<string, string>) =>
        loadProcessorConfig({
          TABLE_NAME: 't',
          ORIGINALS_BUCKET: 'o',
          VARIANTS_BUCKET: 'v',
          ...env,
        }),
    ],
  ])('must not be above the reject threshold (%s)', (_, load) => {
    expect(() => load({ MODERATION_THRESHOLD: '0.6', MODERATION_REVIEW_THRESHOLD: '0.7' })).toThrow(
      /MODERATION_REVIEW_THRESHOLD: expected at most MODERATION_THRESHOLD/,
    );
    expect(() =>
      load({ MODERATION_THRESHOLD: '0.6', MODERATION_REVIEW_THRESHOLD: '0.6' }),
    ).not.toThrow();
  });
});
