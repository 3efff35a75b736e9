/** The owner's other images that look like this one, nearest first. */
import { SimilarImagesDocument } from '../../../client/operations.js';
import { useConsole, useLoad } from '../api.js';
import { href } from '../router.js';
import type { ImageDetails } from './types.js';

export function Similar({ image }: { image: ImageDetails }) {
  const { api } = useConsole();
  const processed = image.status === 'PROCESSED';
  const [similar] = useLoad(
    async () =>
      processed ? (await api.request(SimilarImagesDocument, { id: image.id })).similarImages : null,
    [api, image.id, processed, image.processedAt],
  );
  return (
    <section className="card">
      <h2>Similar images</h2>
      {!processed ? (
        <p className="muted">Compared once the image is processed.</p>
      ) : similar.state === 'loading' ? (
        <p className="muted">Looking for similar images…</p>
      ) : similar.state === 'failed' ? (
        <p className="error" role="alert">
          {similar.error}
        </p>
      ) : !similar.data?.length ? (
        <p>None found.</p>
      ) : (
        <ul className="similar">
          {similar.data.map(({ image: other, distance }) => (
            <li key={other.id}>
              <a href={href({ page: 'image', id: other.id })}>{other.filename}</a>{' '}
              <span className="muted">
                distance {distance} {distance === 1 ? 'bit' : 'bits'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
