/**
 * The upload page: files chosen or dropped are queued (../upload/queue.ts), each shown with its
 * progress, then its status live until processing ends, and a link to the result.
 */
import { useEffect, useId, useRef, useState, useSyncExternalStore, type DragEvent } from 'react';
import { PresetsDocument } from '../../../client/operations.js';
import { useConsole, useLoad } from '../api.js';
import { StatusBadge } from '../parts/StatusBadge.js';
import { href } from '../router.js';
import { isFinished, queueFor, type UploadRow } from '../upload/queue.js';
import './upload.css';

const hasFiles = (event: { dataTransfer: DataTransfer | null }) =>
  event.dataTransfer?.types.includes('Files') ?? false;

export function Upload() {
  const { api } = useConsole();
  const id = useId();
  const queue = queueFor(api);
  const rows = useSyncExternalStore(queue.subscribe, queue.snapshot);
  const [presets, reloadPresets] = useLoad(() => api.request(PresetsDocument), [api]);
  const [picked, setPicked] = useState<string>();
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the drag left.
  const depth = useRef(0);

  const names = presets.state === 'done' ? presets.data.presets.map((p) => p.name) : [];
  // The API lists `default` first; undefined (presets not loaded) lets the API choose it too.
  const preset = picked ?? names[0];
  const add = (files: FileList | null) => {
    if (files?.length) queue.add(Array.from(files), preset);
  };

  const busy = rows.some((row) => !isFinished(row));
  useEffect(() => {
    if (!busy) return;
    // Closing or reloading the tab would cut the uploads off: the browser asks first.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [busy]);

  useEffect(() => {
    // A file dropped beside the zone would make the browser open it and leave the console.
    const refuse = (event: globalThis.DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);

  const zone = {
    onDragEnter: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth.current++;
      setDragging(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: () => {
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      add(event.dataTransfer.files);
    },
  };

  const finished = rows.filter(isFinished).length;
  return (
    <section className="upload">
      <h1>Upload images</h1>
      <div className="upload-preset">
        <label htmlFor={`${id}-preset`}>Preset</label>
        <select
          id={`${id}-preset`}
          value={preset ?? ''}
          disabled={presets.state !== 'done'}
          onChange={(event) => setPicked(event.target.value)}
        >
          {presets.state === 'done' ? (
            presets.data.presets.map((p) => (
              <option key={p.name} value={p.name}>
                {p.description ? `${p.name}: ${p.description}` : p.name}
              </option>
            ))
          ) : (
            <option value="">{presets.state === 'loading' ? 'Loading presets…' : 'default'}</option>
          )}
        </select>
      </div>
      {presets.state === 'failed' && (
        <div className="error" role="alert">
          <p>The presets could not be loaded ({presets.error}); uploads use the default preset.</p>
          <button type="button" className="secondary" onClick={reloadPresets}>
            Try again
          </button>
        </div>
      )}
      <div className={dragging ? 'upload-zone upload-zone-active' : 'upload-zone'} {...zone}>
        <p>{dragging ? 'Drop to upload' : 'Drag and drop images here, or'}</p>
        {/* Before its label, so the label can show the focus of the hidden input (CSS). */}
        <input
          id={`${id}-files`}
          className="upload-input"
          type="file"
          multiple
          accept="image/*"
          onChange={(event) => {
            add(event.target.files);
            // The same file chosen again is a new upload, so the input must not keep it.
            event.target.value = '';
          }}
        />
        <label htmlFor={`${id}-files`} className="button">
          Choose images
        </label>
        <p className="muted">Several at once; three are sent at a time, the others wait.</p>
      </div>
      {rows.length > 0 && (
        <>
          <div className="upload-summary">
            <p role="status">
              {finished} of {rows.length} finished
            </p>
            {finished > 0 && (
              <button type="button" className="secondary" onClick={() => queue.clearFinished()}>
                Clear finished
              </button>
            )}
          </div>
          <ul aria-label="Uploads" className="upload-list">
            {rows.map((row) => (
              <UploadItem key={row.key} row={row} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function UploadItem({ row }: { row: UploadRow }) {
  const { name, bytes, stage, status } = row;
  const sent = stage === 'processing' || stage === 'done' ? bytes : row.sent;
  const reason = status === 'FAILED' || status === 'REJECTED' ? row.error : undefined;
  return (
    <li className="upload-row">
      <span className="upload-name">{name}</span>
      <progress aria-label={`${name} upload progress`} max={bytes || 1} value={sent} />
      <span className="upload-state">
        {status && <StatusBadge status={status} />}
        {stage === 'queued' && <span className="muted">Queued</span>}
        {stage === 'requesting' && <span className="muted">Requesting a ticket…</span>}
        {stage === 'sending' && (
          <span className="muted">Sending {Math.floor((100 * sent) / (bytes || 1))}%</span>
        )}
      </span>
      {stage === 'done' && row.imageId && (
        <a
          className="upload-open"
          href={href({ page: 'image', id: row.imageId })}
          aria-label={`Open ${name}`}
        >
          Open
        </a>
      )}
      {row.problem && <p className="upload-reason error">{row.problem}</p>}
      {reason && <p className="upload-reason error">{reason}</p>}
    </li>
  );
}
