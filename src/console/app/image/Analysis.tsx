/** What analysis found: faces, moderation (and any review), labels. */
import { href } from '../router.js';
import { formatDateTime, formatPercent } from './format.js';
import type { ImageDetails } from './types.js';

/** Emotions past this are noise (every face has all of them at some confidence). */
const EMOTIONS_SHOWN = 3;

export function Faces({ image }: { image: ImageDetails }) {
  const faces = image.faces;
  return (
    <section className="card">
      <h2>Faces</h2>
      <p>
        {faces.length === 0
          ? 'No faces found.'
          : `${faces.length} ${faces.length === 1 ? 'face' : 'faces'} found.`}
      </p>
      {faces.length > 0 && (
        <ol className="faces">
          {faces.map((face, i) => {
            const emotions = [...face.emotions]
              .sort((a, b) => b.confidence - a.confidence)
              .slice(0, EMOTIONS_SHOWN);
            return (
              <li key={i}>
                Face {i + 1}: {formatPercent(face.confidence)} confidence
                {face.ageRange && (
                  <>
                    ; age {face.ageRange.low}–{face.ageRange.high}
                  </>
                )}
                {emotions.length > 0 && (
                  <>
                    ;{' '}
                    {emotions
                      .map((e) => `${e.type.toLowerCase()} ${formatPercent(e.confidence)}`)
                      .join(', ')}
                  </>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

const DECISIONS = { ALLOWED: 'Allowed', IN_REVIEW: 'Held for review', REJECTED: 'Rejected' };

export function Moderation({ image }: { image: ImageDetails }) {
  const moderation = image.moderation;
  return (
    <section className="card">
      <h2>Moderation</h2>
      {moderation ? (
        <>
          <dl className="facts">
            <div>
              <dt>Decision</dt>
              <dd>{DECISIONS[moderation.decision]}</dd>
            </div>
            <div>
              <dt>Reject threshold</dt>
              <dd>{formatPercent(moderation.threshold)} confidence</dd>
            </div>
            {moderation.reviewThreshold !== moderation.threshold && (
              <div>
                <dt>Review threshold</dt>
                <dd>{formatPercent(moderation.reviewThreshold)} confidence</dd>
              </div>
            )}
            <div>
              <dt>Analyzer</dt>
              <dd>{moderation.analyzer}</dd>
            </div>
          </dl>
          {moderation.labels.length === 0 ? (
            <p className="muted">No moderation labels.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption>Moderation labels</caption>
                <thead>
                  <tr>
                    <th scope="col">Label</th>
                    <th scope="col">Category</th>
                    <th scope="col" className="number">
                      Confidence
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {moderation.labels.map((label) => (
                    <tr key={`${label.parent ?? ''}/${label.name}`}>
                      <th scope="row">{label.name}</th>
                      <td>{label.parent ?? '—'}</td>
                      <td className="number">{formatPercent(label.confidence, 1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      ) : (
        <p className="muted">Not analysed yet.</p>
      )}
      <ReviewFacts image={image} />
    </section>
  );
}

/** Why the image was held and what the person decided, and the image it nearly duplicates. */
function ReviewFacts({ image }: { image: ImageDetails }) {
  const { review, duplicateOf } = image;
  if (!review && !duplicateOf) return null;
  return (
    <>
      {review && (
        <>
          <h3>Review</h3>
          <dl className="facts">
            <div>
              <dt>Held because</dt>
              <dd>{review.reason}</dd>
            </div>
            <div>
              <dt>Held since</dt>
              <dd>{formatDateTime(review.since)}</dd>
            </div>
            <div>
              <dt>Reminders</dt>
              <dd>{review.reminders}</dd>
            </div>
            <div>
              <dt>Decision</dt>
              <dd>
                {review.decision === 'APPROVED'
                  ? 'Approved'
                  : review.decision === 'REJECTED'
                    ? 'Rejected'
                    : 'Waiting for an admin'}
              </dd>
            </div>
            {review.by && (
              <div>
                <dt>By</dt>
                <dd>{review.by}</dd>
              </div>
            )}
            {review.at && (
              <div>
                <dt>At</dt>
                <dd>{formatDateTime(review.at)}</dd>
              </div>
            )}
            {review.note && (
              <div>
                <dt>Note</dt>
                <dd>{review.note}</dd>
              </div>
            )}
          </dl>
        </>
      )}
      {duplicateOf && (
        <p>
          Nearly duplicates{' '}
          <a href={href({ page: 'image', id: duplicateOf.id })}>{duplicateOf.filename}</a>.
        </p>
      )}
    </>
  );
}

export function Labels({ image }: { image: ImageDetails }) {
  return (
    <section className="card">
      <h2>Labels</h2>
      {image.labels.length === 0 ? (
        <p className="muted">No labels (label detection may be off).</p>
      ) : (
        <ul className="labels">
          {image.labels.map((label) => (
            <li key={label.name}>
              {label.name} <span className="muted">{formatPercent(label.confidence)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
