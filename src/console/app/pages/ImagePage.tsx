/**
 * One image: its status, the picture with its faces, what processing made and analysis found,
 * the markup to paste, and the actions (reprocess, delete). A run under way (a fresh upload, a
 * reprocess) is followed with the cheap status query, then the details are read again.
 */
import { useEffect, useState } from 'react';
import type { ImageStatus } from '../../../client/generated/graphql.js';
import { ImageDetailsDocument } from '../../../client/operations.js';
import { useConsole, useLoad } from '../api.js';
import { Actions } from '../image/Actions.js';
import { Faces, Labels, Moderation } from '../image/Analysis.js';
import { Colour, Timings, Variants } from '../image/Facts.js';
import { exactBytes, formatBytes, formatDateTime } from '../image/format.js';
import { HtmlSnippets } from '../image/HtmlSnippets.js';
import { Picture } from '../image/Picture.js';
import { Similar } from '../image/Similar.js';
import type { ImageDetails } from '../image/types.js';
import { useStatusPoll } from '../image/useStatusPoll.js';
import { StatusBadge, TERMINAL } from '../parts/StatusBadge.js';
import { href } from '../router.js';
import './image.css';

export function ImagePage({ id }: { id: string }) {
  const { api } = useConsole();
  const [details, reload] = useLoad(() => api.request(ImageDetailsDocument, { id }), [api, id]);
  if (details.state === 'loading') {
    return (
      <p className="loading" role="status">
        Loading the image…
      </p>
    );
  }
  if (details.state === 'failed') {
    return (
      <section>
        <h1>The image could not be loaded</h1>
        <p className="error" role="alert">
          {details.error}
        </p>
        <button type="button" onClick={reload}>
          Try again
        </button>
      </section>
    );
  }
  const image = details.data.image;
  if (!image) {
    return (
      <section>
        <h1>Not found</h1>
        <p>
          There is no such image, or it is not yours.{' '}
          <a href={href({ page: 'images' })}>Back to your images</a>
        </p>
      </section>
    );
  }
  // A new id is another image: nothing of the previous one's state (a run followed) carries over.
  return <ImageView key={image.id} image={image} reload={reload} />;
}

function ImageView({ image, reload }: { image: ImageDetails; reload: () => void }) {
  // Follow a run that is under way when the page opens (an upload still being processed).
  const [watching, setWatching] = useState(() => !TERMINAL.has(image.status));
  // The status the poll last saw, shown until the details read again catch up with it.
  const [progress, setProgress] = useState<ImageStatus>();
  const poll = useStatusPoll(image.id, watching, (info) => {
    if (info) setProgress(info.status);
    if (!info || TERMINAL.has(info.status)) {
      setWatching(false);
      reload();
    }
  });
  useEffect(() => {
    if (!watching) setProgress(undefined);
    // Only when new details arrive: they then say at least as much as the poll did.
  }, [image]);

  const status = progress ?? image.status;
  return (
    <article className="image-page">
      <h1>{image.filename}</h1>
      <StatusRegion image={image} status={status} watching={watching} />
      {poll.problem && (
        <p className="error" role="alert">
          {poll.gaveUp ? 'Stopped following the run: ' : 'Checking the status failed: '}
          {poll.problem}
        </p>
      )}
      <Original image={image} />
      <div className="image-top">
        <Picture image={image} />
        <Actions
          image={image}
          running={watching}
          onReprocessed={(next) => {
            setProgress(next);
            setWatching(!TERMINAL.has(next));
            if (TERMINAL.has(next)) reload();
          }}
        />
      </div>
      <div className="image-sections">
        <Variants image={image} />
        <Faces image={image} />
        <Moderation image={image} />
        <Labels image={image} />
        <Timings image={image} />
        <Colour image={image} />
        <Similar image={image} />
        <HtmlSnippets image={image} />
      </div>
    </article>
  );
}

/** role="status": assistive technology announces what changes here (a run finishing). */
function StatusRegion(props: { image: ImageDetails; status: ImageStatus; watching: boolean }) {
  const { image, status, watching } = props;
  const failed = !watching && (status === 'REJECTED' || status === 'FAILED');
  return (
    <div role="status" className="status-region">
      <p>
        <StatusBadge status={status} />{' '}
        {watching && (
          <span>
            {status === 'PENDING_UPLOAD'
              ? 'Waiting for the upload to arrive…'
              : 'Working on it; this page updates when it finishes…'}
          </span>
        )}
        {!watching && status === 'IN_REVIEW' && (
          <span>Held for review: nothing is served until an admin approves it.</span>
        )}
      </p>
      {failed && (image.error || image.errorCode) && (
        <p className="reason">
          {image.errorCode && <code>{image.errorCode}</code>}
          {image.errorCode && image.error ? ': ' : ''}
          {image.error}
        </p>
      )}
      {image.warnings.length > 0 && (
        <div className="warnings">
          <p>{image.warnings.length === 1 ? 'Warning:' : 'Warnings:'}</p>
          <ul>
            {image.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** The original as uploaded, and when things happened to it. */
function Original({ image }: { image: ImageDetails }) {
  return (
    <dl className="original">
      <div>
        <dt>Original</dt>
        <dd>
          {image.width && image.height ? `${image.width} × ${image.height}` : 'Size unknown'}
          {image.format ? `, ${image.format}` : ''}
          {image.bytes != null && (
            <>
              , <span title={exactBytes(image.bytes)}>{formatBytes(image.bytes)}</span>
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Preset</dt>
        <dd>{image.preset}</dd>
      </div>
      <div>
        <dt>Created</dt>
        <dd>
          <time dateTime={image.createdAt}>{formatDateTime(image.createdAt)}</time>
        </dd>
      </div>
      {image.processedAt && (
        <div>
          <dt>Processed</dt>
          <dd>
            <time dateTime={image.processedAt}>{formatDateTime(image.processedAt)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}
