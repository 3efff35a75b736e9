import {
  DetectFacesCommand,
  DetectLabelsCommand,
  DetectModerationLabelsCommand,
  ImageTooLargeException,
  InternalServerError,
  InvalidImageFormatException,
  ProvisionedThroughputExceededException,
  RekognitionClient,
  ThrottlingException,
  type DetectFacesResponse,
  type DetectLabelsResponse,
  type DetectModerationLabelsResponse,
} from '@aws-sdk/client-rekognition';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyzerError } from '../../src/model/failure.js';
import type { AnalysisImage } from '../../src/processor/analysis/analyzer.js';
import { createAnalyzer, createJudge } from '../../src/processor/analysis/index.js';
import {
  MAX_IMAGE_BYTES,
  RekognitionAnalyzer,
  rekognitionRegion,
  type RekognitionAnalyzerOptions,
} from '../../src/processor/analysis/rekognition.js';

// Responses in the documented shapes (Rekognition API reference: DetectFaces with
// Attributes ALL, DetectModerationLabels with model 7's three-level taxonomy, DetectLabels).
const FACES: DetectFacesResponse = {
  FaceDetails: [
    {
      BoundingBox: { Width: 0.1806, Height: 0.2459, Left: 0.3512, Top: 0.1207 },
      AgeRange: { Low: 26, High: 34 },
      Smile: { Value: true, Confidence: 98.9 },
      Eyeglasses: { Value: false, Confidence: 99.1 },
      Sunglasses: { Value: false, Confidence: 99.9 },
      Gender: { Value: 'Female', Confidence: 99.6 },
      Beard: { Value: false, Confidence: 98.2 },
      Mustache: { Value: false, Confidence: 99.5 },
      EyesOpen: { Value: true, Confidence: 97.6 },
      MouthOpen: { Value: true, Confidence: 93.4 },
      Emotions: [
        { Type: 'CALM', Confidence: 1.2 },
        { Type: 'HAPPY', Confidence: 97.8 },
        { Type: 'SURPRISED', Confidence: 0.4 },
      ],
      Landmarks: [
        { Type: 'eyeLeft', X: 0.3991, Y: 0.2068 },
        { Type: 'eyeRight', X: 0.4872, Y: 0.2101 },
        { Type: 'nose', X: 0.4402, Y: 0.2571 },
        { Type: 'mouthLeft', X: 0.4077, Y: 0.3014 },
        { Type: 'mouthRight', X: 0.4801, Y: 0.3041 },
      ],
      Pose: { Roll: 1.9, Yaw: -2.4, Pitch: 6.1 },
      Quality: { Brightness: 82.4, Sharpness: 89.9 },
      Confidence: 99.99,
      FaceOccluded: { Value: false, Confidence: 99.8 },
      EyeDirection: { Yaw: 2.1, Pitch: -4.5, Confidence: 99.2 },
    },
    {
      // At the picture's edge: Rekognition lets the box reach outside the image.
      BoundingBox: { Width: 0.12, Height: 0.2, Left: -0.04, Top: 0.9 },
      Confidence: 97.5,
      Landmarks: [],
      Pose: { Roll: 0, Yaw: 40, Pitch: 0 },
      Quality: { Brightness: 50, Sharpness: 20 },
    },
    {
      BoundingBox: { Width: 0.02, Height: 0.03, Left: 0.8, Top: 0.1 },
      Confidence: 31.2,
    },
  ],
};

const MODERATION: DetectModerationLabelsResponse = {
  ModerationLabels: [
    { Confidence: 98.3, Name: 'Explicit', ParentName: '', TaxonomyLevel: 1 },
    { Confidence: 98.3, Name: 'Explicit Nudity', ParentName: 'Explicit', TaxonomyLevel: 2 },
    {
      Confidence: 91.6,
      Name: 'Exposed Female Nipple',
      ParentName: 'Explicit Nudity',
      TaxonomyLevel: 3,
    },
  ],
  ModerationModelVersion: '7.0',
  ContentTypes: [],
};

const SAFE: DetectModerationLabelsResponse = {
  ModerationLabels: [],
  ModerationModelVersion: '7.0',
};

const LABELS: DetectLabelsResponse = {
  Labels: [
    {
      Name: 'Person',
      Confidence: 99.2,
      Instances: [
        {
          BoundingBox: { Width: 0.6, Height: 0.9, Left: 0.1, Top: 0.05 },
          Confidence: 99.2,
        },
      ],
      Parents: [],
      Aliases: [{ Name: 'Human' }],
      Categories: [{ Name: 'Person Description' }],
    },
    {
      Name: 'Astronaut',
      Confidence: 94.1,
      Instances: [],
      Parents: [{ Name: 'Person' }],
      Aliases: [],
      Categories: [{ Name: 'Professions' }],
    },
  ],
  LabelModelVersion: '3.0',
};

const image = (jpeg = Buffer.from('\xff\xd8 pretend jpeg \xff\xd9', 'latin1')): AnalysisImage => ({
  jpeg,
  rgb: Buffer.alloc(3),
  width: 1,
  height: 1,
});

const rekognition = mockClient(RekognitionClient);
const client = new RekognitionClient({ region: 'eu-west-1' });
const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };
const analyzer = (options: RekognitionAnalyzerOptions = {}) =>
  new RekognitionAnalyzer({ client, retry: fast, ...options });

const throttled = () =>
  new ThrottlingException({
    message: 'Rate exceeded',
    $metadata: { httpStatusCode: 400 },
  });

beforeEach(() => {
  rekognition.reset();
  rekognition.on(DetectFacesCommand).resolves(FACES);
  rekognition.on(DetectModerationLabelsCommand).resolves(SAFE);
  rekognition.on(DetectLabelsCommand).resolves(LABELS);
});
afterEach(() => rekognition.reset());

describe('RekognitionAnalyzer requests', () => {
  it('sends the JPEG as Image.Bytes to all three operations, with attributes and MinConfidence', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    await analyzer({ faceAttributes: 'ALL', moderationMinConfidence: 0.3 }).analyze(image(jpeg));

    const faces = rekognition.commandCalls(DetectFacesCommand);
    const moderation = rekognition.commandCalls(DetectModerationLabelsCommand);
    const labels = rekognition.commandCalls(DetectLabelsCommand);
    expect([faces.length, moderation.length, labels.length]).toEqual([1, 1, 1]);
    expect(faces[0]?.args[0].input).toEqual({ Image: { Bytes: jpeg }, Attributes: ['ALL'] });
    expect(moderation[0]?.args[0].input).toEqual({ Image: { Bytes: jpeg }, MinConfidence: 30 });
    expect(labels[0]?.args[0].input).toEqual({
      Image: { Bytes: jpeg },
      MaxLabels: 25,
      MinConfidence: 50,
    });
    expect(faces[0]?.args[0].input.Image?.Bytes).toBe(jpeg);
  });

  it('asks for DEFAULT attributes and skips DetectLabels when configured so', async () => {
    const result = await analyzer({ faceAttributes: 'DEFAULT', detectLabels: false }).analyze(
      image(),
    );
    expect(rekognition.commandCalls(DetectFacesCommand)[0]?.args[0].input.Attributes).toEqual([
      'DEFAULT',
    ]);
    expect(rekognition.commandCalls(DetectLabelsCommand)).toHaveLength(0);
    expect(result.labels).toEqual([]);
  });

  it('runs the three calls concurrently', async () => {
    let inFlight = 0;
    let most = 0;
    const slow =
      <T>(value: T) =>
      async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        return value;
      };
    rekognition.on(DetectFacesCommand).callsFake(slow(FACES));
    rekognition.on(DetectModerationLabelsCommand).callsFake(slow(SAFE));
    rekognition.on(DetectLabelsCommand).callsFake(slow(LABELS));
    await analyzer().analyze(image());
    expect(most).toBe(3);
  });

  it('refuses an analysis image over 5 MB without calling Rekognition', async () => {
    const big = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    const error = await analyzer()
      .analyze(image(big))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalyzerError);
    expect((error as AnalyzerError).retryable).toBe(false);
    expect(rekognition.calls()).toHaveLength(0);
  });
});

describe('RekognitionAnalyzer responses', () => {
  it('maps faces: ratios, clamped boxes, age range, emotions by confidence, landmarks', async () => {
    const { faces } = await analyzer().analyze(image());
    expect(faces).toHaveLength(2); // the 31 % face is below the 0.5 face confidence
    const [first, edge] = faces;
    expect(first).toEqual({
      box: { left: 0.3512, top: 0.1207, width: 0.1806, height: 0.2459 },
      confidence: 0.9999,
      ageRange: { low: 26, high: 34 },
      emotions: [
        { type: 'HAPPY', confidence: 0.978 },
        { type: 'CALM', confidence: 0.012 },
        { type: 'SURPRISED', confidence: 0.004 },
      ],
      landmarks: [
        { type: 'eyeLeft', x: 0.3991, y: 0.2068 },
        { type: 'eyeRight', x: 0.4872, y: 0.2101 },
        { type: 'nose', x: 0.4402, y: 0.2571 },
        { type: 'mouthLeft', x: 0.4077, y: 0.3014 },
        { type: 'mouthRight', x: 0.4801, y: 0.3041 },
      ],
    });
    expect(edge?.confidence).toBeCloseTo(0.975, 6);
    expect(edge?.box.left).toBe(0);
    expect(edge?.box.top).toBeCloseTo(0.9, 6);
    expect(edge?.box.width).toBeCloseTo(0.08, 6);
    expect(edge?.box.height).toBeCloseTo(0.1, 6);
    expect(edge?.ageRange).toBeUndefined();
    expect(edge?.emotions).toBeUndefined();
  });

  it('maps moderation labels with their parents (ParentName "" means top level)', async () => {
    rekognition.on(DetectModerationLabelsCommand).resolves(MODERATION);
    const { moderation } = await analyzer().analyze(image());
    expect(moderation).toEqual([
      { name: 'Explicit', confidence: 0.983 },
      { name: 'Explicit Nudity', parent: 'Explicit', confidence: 0.983 },
      { name: 'Exposed Female Nipple', parent: 'Explicit Nudity', confidence: 0.916 },
    ]);
    // …which the default gate rejects, naming the labels.
    const verdict = createJudge({
      MODERATION_THRESHOLD: 0.5,
      MODERATION_REJECT_LABELS: ['Explicit Nudity'],
    })(moderation);
    expect(verdict.decision).toBe('REJECTED');
    expect(verdict.reason).toContain('Explicit Nudity (98.3%');
  });

  it('maps labels with their parents', async () => {
    const { labels } = await analyzer().analyze(image());
    expect(labels).toEqual([
      { name: 'Person', confidence: 0.992 },
      { name: 'Astronaut', confidence: 0.941, parents: ['Person'] },
    ]);
  });
});

describe('RekognitionAnalyzer errors', () => {
  it('retries throttling, then succeeds', async () => {
    rekognition
      .on(DetectModerationLabelsCommand)
      .rejectsOnce(throttled())
      .rejectsOnce(
        new ProvisionedThroughputExceededException({
          message: 'Provisioned rate exceeded',
          $metadata: { httpStatusCode: 400 },
        }),
      )
      .resolves(MODERATION);
    const { moderation } = await analyzer().analyze(image());
    expect(rekognition.commandCalls(DetectModerationLabelsCommand)).toHaveLength(3);
    expect(rekognition.commandCalls(DetectFacesCommand)).toHaveLength(1);
    expect(moderation.map((l) => l.name)).toContain('Explicit Nudity');
  });

  it('retries a 500 from the service', async () => {
    rekognition
      .on(DetectFacesCommand)
      .rejectsOnce(
        new InternalServerError({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }),
      )
      .resolves(FACES);
    const { faces } = await analyzer().analyze(image());
    expect(rekognition.commandCalls(DetectFacesCommand)).toHaveLength(2);
    expect(faces).toHaveLength(2);
  });

  it('gives up after the attempts allowed, with a retryable AnalyzerError', async () => {
    rekognition.on(DetectFacesCommand).rejects(throttled());
    const error = await analyzer()
      .analyze(image())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalyzerError);
    expect((error as AnalyzerError).retryable).toBe(true);
    expect((error as AnalyzerError).message).toMatch(
      /DetectFaces still failing after 3 attempts \(ThrottlingException: Rate exceeded\)/,
    );
    expect(rekognition.commandCalls(DetectFacesCommand)).toHaveLength(3);
  });

  it('does not retry an invalid image: non-retryable AnalyzerError with a readable reason', async () => {
    rekognition.on(DetectFacesCommand).rejects(
      new InvalidImageFormatException({
        message: 'Request has invalid image format',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const error = await analyzer()
      .analyze(image())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AnalyzerError);
    expect((error as AnalyzerError).retryable).toBe(false);
    expect((error as AnalyzerError).message).toBe(
      'Rekognition cannot read the image (unsupported image format) ' +
        '(DetectFaces: InvalidImageFormatException: Request has invalid image format)',
    );
    expect(rekognition.commandCalls(DetectFacesCommand)).toHaveLength(1);
  });

  it('does not retry an image that is too large', async () => {
    rekognition.on(DetectModerationLabelsCommand).rejects(
      new ImageTooLargeException({
        message: 'Image size is too large',
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const error = await analyzer()
      .analyze(image())
      .catch((e: unknown) => e);
    expect((error as AnalyzerError).retryable).toBe(false);
    expect((error as AnalyzerError).message).toMatch(/too large for Rekognition/);
    expect(rekognition.commandCalls(DetectModerationLabelsCommand)).toHaveLength(1);
  });
});

describe('createAnalyzer', () => {
  const settings = {
    MODERATION_THRESHOLD: 0.5,
    MODERATION_REVIEW_THRESHOLD: 0.5,
    LOCAL_MODERATION_MODELS: ['mobilenet_v2_mid' as const],
    DETECT_LABELS: true,
    FACE_ATTRIBUTES: 'ALL' as const,
  };

  it('builds the Rekognition analyser from configuration', async () => {
    const analyzer = createAnalyzer(
      {
        ...settings,
        ANALYZER: 'rekognition',
        MODERATION_THRESHOLD: 0.6,
        MODERATION_REVIEW_THRESHOLD: 0.3,
        DETECT_LABELS: false,
      },
      { rekognitionClient: client, rekognitionRetry: fast },
    );
    expect(analyzer.name).toBe('rekognition');
    await analyzer.analyze(image());
    expect(
      rekognition.commandCalls(DetectModerationLabelsCommand)[0]?.args[0].input.MinConfidence,
    ).toBe(30);
    expect(rekognition.commandCalls(DetectLabelsCommand)).toHaveLength(0);
  });

  it.each([
    ['REKOGNITION_REGION when set', { REKOGNITION_REGION: 'eu-west-1' }, 'eu-west-1'],
    ['else the function’s AWS_REGION', {}, 'eu-south-1'],
  ])('calls Rekognition in %s', async (_, regionSettings, expected) => {
    const analyzer = createAnalyzer(
      { ...settings, ANALYZER: 'rekognition', AWS_REGION: 'eu-south-1', ...regionSettings },
      { rekognitionRetry: fast },
    );
    await analyzer.analyze(image());
    // The client the analyser built (the mock replaces send on every instance).
    const built = rekognition.commandCalls(DetectFacesCommand)[0]?.thisValue as RekognitionClient;
    await expect(built.config.region()).resolves.toBe(expected);
  });

  it('rekognitionRegion: REKOGNITION_REGION, else AWS_REGION', () => {
    expect(rekognitionRegion({ REKOGNITION_REGION: 'us-east-1', AWS_REGION: 'eu-south-1' })).toBe(
      'us-east-1',
    );
    expect(rekognitionRegion({ AWS_REGION: 'eu-south-1' })).toBe('eu-south-1');
    expect(rekognitionRegion({})).toBeUndefined();
  });

  it('returns empty results for ANALYZER=none', async () => {
    const analyzer = createAnalyzer({ ...settings, ANALYZER: 'none' });
    expect(analyzer.name).toBe('none');
    await expect(analyzer.analyze(image())).resolves.toEqual({
      faces: [],
      moderation: [],
      labels: [],
    });
    expect(rekognition.calls()).toHaveLength(0);
  });

  it('does not load the local analyser (or TensorFlow.js) until it is used', () => {
    const analyzer = createAnalyzer({ ...settings, ANALYZER: 'local' });
    expect(analyzer.name).toBe('local');
    // tfjs-core registers its engine on the global object as soon as it is loaded.
    expect('_tfengine' in globalThis).toBe(false);
  });
});
