import { describe, expect, it } from 'vitest';
import * as z from '../../src/model/zod.js';
import { analysisEnv } from '../../src/config/analysis.js';
import { ConfigError, parseEnv } from '../../src/config/env.js';

const schema = z.object(analysisEnv);
const parse = (env: Record<string, string | undefined>) => parseEnv(schema, env);

describe('analysisEnv', () => {
  it('has local-mode defaults', () => {
    // REKOGNITION_REGION unset: Rekognition is called in AWS_REGION.
    expect(parse({}).REKOGNITION_REGION).toBeUndefined();
    expect(parse({})).toEqual({
      ANALYZER: 'local',
      MODERATION_THRESHOLD: 0.5,
      MODERATION_REJECT_LABELS: ['Explicit', 'Explicit Nudity'],
      DETECT_LABELS: false,
      FACE_ATTRIBUTES: 'ALL',
    });
  });

  it('reads every setting', () => {
    expect(
      parse({
        ANALYZER: 'rekognition',
        MODERATION_THRESHOLD: '0.8',
        MODERATION_REJECT_LABELS: 'Explicit Nudity, Explicit Sexual Activity,,Violence ',
        DETECT_LABELS: 'false',
        FACE_ATTRIBUTES: 'DEFAULT',
        REKOGNITION_REGION: 'us-east-1',
      }),
    ).toEqual({
      ANALYZER: 'rekognition',
      REKOGNITION_REGION: 'us-east-1',
      MODERATION_THRESHOLD: 0.8,
      MODERATION_REJECT_LABELS: ['Explicit Nudity', 'Explicit Sexual Activity', 'Violence'],
      DETECT_LABELS: false,
      FACE_ATTRIBUTES: 'DEFAULT',
    });
  });

  it('treats empty variables as unset', () => {
    expect(parse({ ANALYZER: '', MODERATION_THRESHOLD: '' })).toMatchObject({
      ANALYZER: 'local',
      MODERATION_THRESHOLD: 0.5,
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
  ])('names a bad %s', (name, value, message) => {
    expect(() => parse({ [name]: value })).toThrow(ConfigError);
    expect(() => parse({ [name]: value })).toThrow(message);
  });
});
