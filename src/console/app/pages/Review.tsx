/**
 * The admin group's review queue: every owner's images held for a person, oldest first. Each
 * is approved (served) or rejected with a reason (shown to its owner), then leaves the list.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ModerationQueueQuery } from '../../../client/generated/graphql.js';
import {
  ApproveImageDocument,
  RejectImageDocument,
} from '../../../client/moderation-operations.js';
import { ModerationQueueDocument } from '../../../client/moderation-operations.js';
import { errorMessage, useConsole } from '../api.js';
import { formatDateTime, formatPercent, formatWait } from '../image/format.js';
import './review.css';

type Held = ModerationQueueQuery['moderationQueue']['edges'][number]['node'];

const PAGE_SIZE = 20;
/** The API's limit on a rejection's reason. */
const MAX_REASON = 500;

interface Queue {
  items: Held[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export function Review() {
  const { api } = useConsole();
  const [queue, setQueue] = useState<Queue>();
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [note, setNote] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLDivElement>(null);

  /** One page after `after` (the first when null), appended to what is shown. */
  const load = useCallback(
    async (after: string | null, previous: Held[]) => {
      setLoading(true);
      setProblem(undefined);
      try {
        const { moderationQueue } = await api.request(ModerationQueueDocument, {
          first: PAGE_SIZE,
          after,
        });
        const seen = new Set(previous.map((item) => item.id));
        setQueue({
          items: [
            ...previous,
            ...moderationQueue.edges.map((e) => e.node).filter((n) => !seen.has(n.id)),
          ],
          endCursor: moderationQueue.pageInfo.endCursor,
          hasNextPage: moderationQueue.pageInfo.hasNextPage,
        });
      } catch (error) {
        setProblem(errorMessage(error));
      } finally {
        setLoading(false);
      }
    },
    [api],
  );

  useEffect(() => {
    void load(null, []);
  }, [load]);

  /** The item is decided: it leaves the list, and focus moves to the next one (or the heading). */
  const decided = (item: Held, verb: 'Approved' | 'Rejected') => {
    // Functional: two decisions may finish together, each must keep the other's removal.
    setQueue((q) => q && { ...q, items: q.items.filter((i) => i.id !== item.id) });
    setNote(`${verb} ${item.filename}`);
    const shown = queue?.items ?? [];
    const index = shown.findIndex((i) => i.id === item.id);
    const next = shown[index + 1] ?? shown[index - 1];
    // After React has removed the article: the element focused is gone with it.
    requestAnimationFrame(() => {
      const target =
        (next && list.current?.querySelector<HTMLElement>(`[data-id="${next.id}"]`)) ||
        heading.current;
      target?.focus();
    });
  };

  return (
    <section className="review-page">
      <h1 ref={heading} tabIndex={-1}>
        Review queue
      </h1>
      <p className="muted">Every owner&rsquo;s held images, the longest waiting first.</p>
      <p className="review-note" aria-live="polite">
        {note}
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {!queue ? (
        loading && (
          <p className="loading" role="status">
            Loading the queue…
          </p>
        )
      ) : queue.items.length === 0 && !queue.hasNextPage ? (
        <p>Nothing is waiting for review.</p>
      ) : (
        <div className="review-list" ref={list}>
          {queue.items.map((item) => (
            <HeldImage key={item.id} item={item} onDecided={(verb) => decided(item, verb)} />
          ))}
        </div>
      )}
      {queue && (
        <div className="review-more">
          {queue.hasNextPage && (
            <button
              type="button"
              disabled={loading}
              onClick={() => void load(queue.endCursor, queue.items)}
            >
              {loading ? 'Loading…' : 'Load more'}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            disabled={loading}
            onClick={() => void load(null, [])}
          >
            Reload the queue
          </button>
        </div>
      )}
    </section>
  );
}

function HeldImage({
  item,
  onDecided,
}: {
  item: Held;
  onDecided: (verb: 'Approved' | 'Rejected') => void;
}) {
  const { api } = useConsole();
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState<'approve' | 'reject'>();
  const [refusal, setRefusal] = useState<string>();
  const [expired, setExpired] = useState(false);
  const reasonId = `reason-${item.id}`;

  const decide = async (action: 'approve' | 'reject') => {
    setSending(action);
    setRefusal(undefined);
    try {
      if (action === 'approve') await api.request(ApproveImageDocument, { id: item.id });
      else await api.request(RejectImageDocument, { id: item.id, reason: reason.trim() });
      onDecided(action === 'approve' ? 'Approved' : 'Rejected');
    } catch (error) {
      setRefusal(errorMessage(error));
      setSending(undefined);
    }
  };

  const since = item.review?.since ?? item.createdAt;
  const labels = item.moderation?.labels ?? [];
  const duplicate = item.duplicateOf;
  const duplicateUrl = duplicate?.variants.reduce<(typeof duplicate.variants)[number] | undefined>(
    (best, v) => (!best || v.width > best.width ? v : best),
    undefined,
  )?.url;

  return (
    <article aria-label={item.filename} className="held card" data-id={item.id} tabIndex={-1}>
      <h2>{item.filename}</h2>
      <div className="held-body">
        <div className="held-picture">
          {item.reviewUrl && !expired ? (
            <img
              src={item.reviewUrl}
              alt={`Held image ${item.filename}`}
              onError={() => setExpired(true)}
            />
          ) : (
            <p className="muted">
              {item.reviewUrl
                ? 'The preview could not be loaded; its link lasts 5 minutes. Reload the queue for a new one.'
                : 'No preview.'}
            </p>
          )}
        </div>
        <div className="held-facts">
          <p>
            <strong>Held because:</strong> {item.review?.reason ?? 'No reason recorded.'}
          </p>
          <p>
            <strong>Waiting:</strong> {formatWait(Date.now() - Date.parse(since))}, since{' '}
            <time dateTime={since}>{formatDateTime(since)}</time>
            {item.review?.reminders ? ` (${item.review.reminders} reminders sent)` : ''}
          </p>
          {labels.length > 0 && (
            <>
              <p>
                <strong>Moderation labels:</strong>
              </p>
              <ul className="held-labels">
                {labels.map((label) => (
                  <li key={`${label.parent ?? ''}/${label.name}`}>
                    {label.name}
                    {label.parent ? ` (${label.parent})` : ''}: {formatPercent(label.confidence, 1)}{' '}
                    confidence
                  </li>
                ))}
              </ul>
            </>
          )}
          {duplicate && (
            <p>
              <strong>Nearly duplicates:</strong>{' '}
              {duplicateUrl ? (
                <a href={duplicateUrl} target="_blank" rel="noreferrer">
                  {duplicate.filename}
                </a>
              ) : (
                duplicate.filename
              )}
            </p>
          )}
          <div className="held-actions">
            <button
              type="button"
              disabled={sending !== undefined}
              onClick={() => void decide('approve')}
            >
              {sending === 'approve' ? 'Approving…' : 'Approve'}
            </button>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                if (reason.trim()) void decide('reject');
              }}
            >
              <label htmlFor={reasonId}>Reason</label>
              <input
                id={reasonId}
                type="text"
                value={reason}
                maxLength={MAX_REASON}
                onChange={(event) => setReason(event.target.value)}
              />
              <button
                type="submit"
                className="danger"
                disabled={sending !== undefined || !reason.trim()}
              >
                {sending === 'reject' ? 'Rejecting…' : 'Reject'}
              </button>
            </form>
          </div>
          {refusal && (
            <p className="error" role="alert">
              {refusal}
            </p>
          )}
        </div>
      </div>
    </article>
  );
}
