/** Reprocess the image with a preset, or delete it. */
import { useId, useState } from 'react';
import type { ImageStatus } from '../../../client/generated/graphql.js';
import { PresetsDocument, ReprocessImageDocument } from '../../../client/operations.js';
import { errorMessage, useConsole, useLoad } from '../api.js';
import { DeleteImage } from './DeleteImage.js';
import type { ImageDetails } from './types.js';

export function Actions(props: {
  image: ImageDetails;
  /** A run is being followed: reprocessing again now would only be refused. */
  running: boolean;
  onReprocessed: (status: ImageStatus) => void;
}) {
  const { image } = props;
  const { api } = useConsole();
  const presetId = useId();
  const [presets] = useLoad(() => api.request(PresetsDocument), [api]);
  const [preset, setPreset] = useState(image.preset);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string>();

  const names = presets.state === 'done' ? presets.data.presets.map((p) => p.name) : [];
  // The image's preset may have left the presets file since; it stays choosable.
  if (!names.includes(image.preset)) names.unshift(image.preset);
  const description =
    presets.state === 'done'
      ? presets.data.presets.find((p) => p.name === preset)?.description
      : undefined;

  const reprocess = async () => {
    setSending(true);
    setRefusal(undefined);
    try {
      const { reprocessImage } = await api.request(ReprocessImageDocument, {
        id: image.id,
        preset,
      });
      props.onReprocessed(reprocessImage.status);
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card actions">
      <h2>Actions</h2>
      <form
        className="reprocess"
        onSubmit={(event) => {
          event.preventDefault();
          void reprocess();
        }}
      >
        <div className="field">
          <label htmlFor={presetId}>Preset</label>
          <select
            id={presetId}
            value={preset}
            onChange={(event) => setPreset(event.target.value)}
            aria-describedby={description ? `${presetId}-about` : undefined}
          >
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={sending || props.running}>
          {sending ? 'Reprocessing…' : 'Reprocess'}
        </button>
      </form>
      {description && (
        <p id={`${presetId}-about`} className="muted">
          {description}
        </p>
      )}
      {presets.state === 'failed' && (
        <p className="error" role="alert">
          The presets could not be loaded: {presets.error}
        </p>
      )}
      {refusal && (
        <p className="error" role="alert">
          {refusal}
        </p>
      )}
      <DeleteImage image={image} />
    </section>
  );
}
