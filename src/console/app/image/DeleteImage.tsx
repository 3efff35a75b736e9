/** "Delete image", confirmed in a modal dialog, then back to the gallery. */
import { useId, useRef, useState } from 'react';
import { DeleteImageDocument } from '../../../client/operations.js';
import { errorMessage, useConsole } from '../api.js';
import { navigate } from '../router.js';
import type { ImageDetails } from './types.js';

export function DeleteImage({ image }: { image: ImageDetails }) {
  const { api } = useConsole();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [deleting, setDeleting] = useState(false);
  const [problem, setProblem] = useState<string>();

  const open = () => {
    setProblem(undefined);
    dialog.current?.showModal();
    // The safe choice first: Enter or Space right away keeps the image.
    cancel.current?.focus();
  };

  const confirm = async () => {
    setDeleting(true);
    setProblem(undefined);
    try {
      await api.request(DeleteImageDocument, { id: image.id });
      dialog.current?.close();
      navigate({ page: 'images' });
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <>
      <button type="button" className="danger" ref={opener} onClick={open}>
        Delete image
      </button>
      <dialog
        ref={dialog}
        className="confirm"
        aria-labelledby={titleId}
        // Escape closes it too (the cancel event), except while the deletion is under way.
        onCancel={(event) => {
          if (deleting) event.preventDefault();
        }}
        onClose={() => opener.current?.focus()}
      >
        <h2 id={titleId}>Delete {image.filename}?</h2>
        <p>Its original and every variant are removed. This cannot be undone.</p>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <div className="buttons">
          <button
            type="button"
            className="danger"
            disabled={deleting}
            onClick={() => void confirm()}
          >
            {deleting ? 'Deleting…' : 'Delete'}
          </button>
          <button
            type="button"
            className="secondary"
            ref={cancel}
            disabled={deleting}
            onClick={() => dialog.current?.close()}
          >
            Cancel
          </button>
        </div>
      </dialog>
    </>
  );
}
