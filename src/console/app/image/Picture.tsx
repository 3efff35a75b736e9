/** The picture at the size it is shown, with a box drawn over each face the analysis found. */
import { ImageTransformUrlDocument } from '../../../client/operations.js';
import { useConsole, useLoad } from '../api.js';
import type { ImageDetails } from './types.js';

/** The widest the picture is shown, in CSS pixels (image.css keeps the figure to it). */
const DISPLAY_WIDTH = 800;

/** The screen's pixel ratio within what delivery renders (1 to 3). */
function screenDpr(): number {
  const ratio = window.devicePixelRatio || 1;
  return Math.min(3, Math.max(1, ratio));
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;

/**
 * The largest variant with the original's aspect ratio: a cropped one (a square thumbnail)
 * would put the face boxes, which are ratios of the original, in the wrong places.
 */
function largestUncropped(image: ImageDetails) {
  if (!image.width || !image.height) return undefined;
  const aspect = image.width / image.height;
  return image.variants
    .filter((v) => Math.abs(v.width / v.height - aspect) < 0.01)
    .sort((a, b) => b.width - a.width)[0];
}

export function Picture({ image }: { image: ImageDetails }) {
  const { api } = useConsole();
  const [delivery] = useLoad(async () => {
    if (image.status !== 'PROCESSED') return null;
    const width = Math.min(DISPLAY_WIDTH, image.width ?? DISPLAY_WIDTH);
    try {
      const data = await api.request(ImageTransformUrlDocument, {
        id: image.id,
        width,
        dpr: screenDpr(),
      });
      return data.image?.transformUrl ?? null;
    } catch {
      // DELIVERY_SIZES may refuse this width; a stored variant shows the same picture.
      return null;
    }
  }, [api, image.id, image.status, image.processedAt]);

  if (delivery.state === 'loading') return <div className="picture-pending" aria-hidden="true" />;
  const src = (delivery.state === 'done' ? delivery.data : null) ?? largestUncropped(image)?.url;
  if (!src) {
    return (
      <p className="picture-none muted">
        {image.status === 'IN_REVIEW'
          ? 'Nothing is served while the image is held for review.'
          : 'There is no picture to show.'}
      </p>
    );
  }
  const faces = image.faces;
  return (
    <figure className="picture">
      <div
        className="picture-frame"
        style={image.dominantColor ? { backgroundColor: image.dominantColor } : undefined}
      >
        <img
          src={src}
          alt={image.filename}
          width={image.width ?? undefined}
          height={image.height ?? undefined}
        />
        {faces.map((face, i) => (
          <div
            key={i}
            role="img"
            aria-label={`Face ${i + 1}, ${Math.round(face.confidence * 100)}% confidence`}
            className="face-box"
            style={{
              left: percent(face.box.left),
              top: percent(face.box.top),
              width: percent(face.box.width),
              height: percent(face.box.height),
            }}
          />
        ))}
      </div>
      {faces.length > 0 && (
        <figcaption className="muted">
          {faces.length === 1 ? 'The face found is outlined.' : 'The faces found are outlined.'}
        </figcaption>
      )}
    </figure>
  );
}
