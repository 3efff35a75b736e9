/** The responsive markup in each kind, ready to copy into a page. */
import { useEffect, useState } from 'react';
import type { HtmlKind } from '../../../client/generated/graphql.js';
import { ImageHtmlDocument } from '../../../client/console-operations.js';
import { useConsole, useLoad } from '../api.js';
import type { ImageDetails } from './types.js';

const KINDS = [
  { kind: 'IMG_SRCSET', field: 'imgSrcset', title: '<img> with srcset' },
  { kind: 'PICTURE', field: 'picture', title: '<picture> with AVIF and WebP sources' },
  { kind: 'AMP_IMG', field: 'ampImg', title: '<amp-img> for AMP pages' },
] as const satisfies readonly { kind: HtmlKind; field: string; title: string }[];

/** How long a button says "Copied". */
const COPIED_MS = 2000;

export function HtmlSnippets({ image }: { image: ImageDetails }) {
  const { api } = useConsole();
  const processed = image.status === 'PROCESSED';
  const [markup] = useLoad(
    async () => (processed ? (await api.request(ImageHtmlDocument, { id: image.id })).image : null),
    [api, image.id, processed, image.processedAt],
  );
  const [copied, setCopied] = useState<HtmlKind>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(undefined), COPIED_MS);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = async (kind: HtmlKind, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setProblem(undefined);
      setCopied(kind);
    } catch (error) {
      // Outside a secure context, or when the browser refuses, the text can still be selected.
      setProblem(
        `Could not copy (${error instanceof Error ? error.message : String(error)}); select the text and copy it.`,
      );
    }
  };

  return (
    <section className="card wide">
      <h2>HTML</h2>
      {!processed ? (
        <p className="muted">The markup is ready once the image is processed.</p>
      ) : markup.state === 'loading' ? (
        <p className="muted">Loading the markup…</p>
      ) : markup.state === 'failed' ? (
        <p className="error" role="alert">
          {markup.error}
        </p>
      ) : (
        KINDS.map(({ kind, field, title }) => {
          const text = markup.data?.[field];
          return (
            <div className="snippet" key={kind}>
              <div className="snippet-head">
                <h3>
                  <code>{kind}</code>: {title}
                </h3>
                {text && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`Copy ${kind} snippet`}
                    onClick={() => void copy(kind, text)}
                  >
                    {copied === kind ? 'Copied' : 'Copy'}
                  </button>
                )}
              </div>
              {text ? (
                <pre>
                  <code>{text}</code>
                </pre>
              ) : (
                <p className="muted">No markup of this kind.</p>
              )}
            </div>
          );
        })
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {/* The button's name stays "Copy … snippet"; this says that it worked. */}
      <p className="visually-hidden" aria-live="polite">
        {copied ? `Copied the ${copied} snippet` : ''}
      </p>
    </section>
  );
}
