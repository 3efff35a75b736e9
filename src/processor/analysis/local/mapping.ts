/**
 * Pure conversions from what the offline models say to the analyser port's shapes, in
 * Rekognition's vocabulary: ratio boxes, Rekognition landmark and emotion names, moderation
 * labels from Rekognition's taxonomy.
 */
import type { Face, Label, ModerationLabel } from '../../../model/analysis.js';
import type { Box } from '../../../model/box.js';

/** The part of Human's FaceResult this module reads (all coordinates as ratios of the image). */
export interface HumanFace {
  score: number;
  /** [x, y, width, height] as ratios. */
  boxRaw: readonly number[];
  /** 468 facemesh points [x, y, z], x and y as ratios, when the mesh ran. */
  meshRaw: readonly (readonly number[])[];
  age?: number;
  emotion?: readonly { score: number; emotion: string }[];
  rotation?: { angle: { yaw: number } } | null;
}

export interface HumanObject {
  score: number;
  label: string;
}

export type NsfwClass = 'Drawing' | 'Hentai' | 'Neutral' | 'Porn' | 'Sexy';
export interface NsfwPrediction {
  /** One of NsfwClass. */
  className: string;
  probability: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

function boxFromCorners(x0: number, y0: number, x1: number, y1: number): Box {
  const left = clamp01(Math.min(x0, x1));
  const top = clamp01(Math.min(y0, y1));
  return {
    left,
    top,
    width: clamp01(Math.max(x0, x1)) - left,
    height: clamp01(Math.max(y0, y1)) - top,
  };
}

/**
 * MediaPipe facemesh indices of the points Rekognition names. `eyeLeft` is the eye on the left of
 * the picture (the subject's right eye), as in Rekognition's examples.
 */
export const MESH_LANDMARKS: Record<string, readonly number[]> = {
  eyeLeft: [33, 133, 159, 145],
  eyeRight: [263, 362, 386, 374],
  nose: [1],
  mouthLeft: [61],
  mouthRight: [291],
  mouthUp: [0],
  mouthDown: [17],
  chinBottom: [152],
  leftPupil: [468], // only with the iris model: skipped when absent
  rightPupil: [473],
};

/** Human's emotion classes in Rekognition's names (`neutral` is closest to CALM). */
export const EMOTIONS: Record<string, string> = {
  angry: 'ANGRY',
  disgust: 'DISGUSTED',
  fear: 'FEAR',
  happy: 'HAPPY',
  sad: 'SAD',
  surprise: 'SURPRISED',
  neutral: 'CALM',
};

/** Age is only reported for faces turned less than this far (radians, ~20°) from the camera. */
export const MAX_YAW_FOR_AGE = 0.35;

export function mapHumanFace(face: HumanFace): Face {
  const mesh = face.meshRaw;
  // The box around the mesh (brow to chin, cheek to cheek) is close to Rekognition's; Human's own
  // box is a square enlarged for the next video frame's crop.
  let box: Box;
  if (mesh.length >= 468) {
    const xs = mesh.map((p) => p[0] ?? 0);
    const ys = mesh.map((p) => p[1] ?? 0);
    box = boxFromCorners(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
  } else {
    const [x = 0, y = 0, w = 0, h = 0] = face.boxRaw;
    box = boxFromCorners(x, y, x + w, y + h);
  }
  const result: Face = { box, confidence: clamp01(face.score) };

  if (mesh.length >= 468) {
    const landmarks: NonNullable<Face['landmarks']> = [];
    for (const [type, indices] of Object.entries(MESH_LANDMARKS)) {
      const points = indices.map((i) => mesh[i]).filter((p) => p !== undefined);
      if (points.length !== indices.length) continue;
      const mean = (axis: 0 | 1) =>
        points.reduce((sum, p) => sum + (p[axis] ?? 0), 0) / points.length;
      landmarks.push({ type, x: clamp01(mean(0)), y: clamp01(mean(1)) });
    }
    result.landmarks = landmarks;
  }

  if (face.emotion?.length) {
    result.emotions = face.emotion
      .map((e) => ({
        type: EMOTIONS[e.emotion] ?? e.emotion.toUpperCase(),
        confidence: clamp01(e.score),
      }))
      .sort((a, b) => b.confidence - a.confidence);
  }

  const yaw = face.rotation?.angle.yaw;
  if (
    face.age !== undefined &&
    face.age > 0 &&
    yaw !== undefined &&
    Math.abs(yaw) <= MAX_YAW_FOR_AGE
  ) {
    // One estimate becomes a range like Rekognition's: ±15 %, at least ±3 years.
    const spread = Math.max(3, face.age * 0.15);
    result.ageRange = {
      low: Math.max(0, Math.floor(face.age - spread)),
      high: Math.ceil(face.age + spread),
    };
  }
  return result;
}

/**
 * nsfwjs' five classes as Rekognition moderation labels. The classes are exclusive (softmax), so
 * the chance that the image is explicit is Porn + Hentai: reported as `Explicit Nudity` (with
 * its top-level category `Explicit`, as Rekognition's taxonomy has it). Sexy is `Suggestive`.
 * With several models, each label's confidence is the lowest any model gives it: a label needs
 * every model to agree before it can reach a threshold. Labels below `minConfidence` are left
 * out, as Rekognition does with MinConfidence.
 */
export function mapNsfw(
  votes: readonly { predictions: readonly NsfwPrediction[] }[],
  minConfidence: number,
): ModerationLabel[] {
  if (votes.length === 0) return [];
  const p = (predictions: readonly NsfwPrediction[], name: NsfwClass) =>
    predictions.find((x) => x.className === name)?.probability ?? 0;
  const agreed = (score: (predictions: readonly NsfwPrediction[]) => number) =>
    clamp01(Math.min(...votes.map((vote) => score(vote.predictions))));
  const explicit = agreed((x) => p(x, 'Porn') + p(x, 'Hentai'));
  const suggestive = agreed((x) => p(x, 'Sexy'));
  const labels: ModerationLabel[] = [
    { name: 'Explicit', confidence: explicit },
    { name: 'Explicit Nudity', parent: 'Explicit', confidence: explicit },
    { name: 'Suggestive', confidence: suggestive },
  ];
  return labels.filter((l) => l.confidence >= minConfidence);
}

/** COCO classes (CenterNet) that Rekognition files under a broader label. */
const COCO_PARENTS: Record<string, string[]> = {
  bird: ['Animal'],
  cat: ['Animal', 'Mammal', 'Pet'],
  dog: ['Animal', 'Mammal', 'Pet'],
  horse: ['Animal', 'Mammal'],
  sheep: ['Animal', 'Mammal'],
  cow: ['Animal', 'Mammal'],
  elephant: ['Animal', 'Mammal'],
  bear: ['Animal', 'Mammal'],
  zebra: ['Animal', 'Mammal'],
  giraffe: ['Animal', 'Mammal'],
  car: ['Vehicle', 'Transportation'],
  bus: ['Vehicle', 'Transportation'],
  truck: ['Vehicle', 'Transportation'],
  motorcycle: ['Vehicle', 'Transportation'],
  bicycle: ['Vehicle', 'Transportation'],
  train: ['Vehicle', 'Transportation'],
  airplane: ['Aircraft', 'Vehicle', 'Transportation'],
  boat: ['Vehicle', 'Transportation'],
  cup: ['Tableware'],
  'wine glass': ['Glass', 'Tableware'],
  banana: ['Fruit', 'Food'],
  apple: ['Fruit', 'Food'],
  orange: ['Fruit', 'Food'],
  pizza: ['Food'],
  sandwich: ['Food'],
  cake: ['Food', 'Dessert'],
};

const titleCase = (name: string) => name.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

/** Detected objects as labels: one per class (its best score), Rekognition-style names. */
export function mapObjects(objects: readonly HumanObject[], minConfidence: number): Label[] {
  const best = new Map<string, number>();
  for (const o of objects) {
    if (o.score < minConfidence) continue;
    best.set(o.label, Math.max(best.get(o.label) ?? 0, o.score));
  }
  return [...best]
    .map(([label, score]) => {
      const parents = COCO_PARENTS[label];
      return {
        name: titleCase(label),
        confidence: clamp01(score),
        ...(parents ? { parents } : {}),
      };
    })
    .sort((a, b) => b.confidence - a.confidence);
}
