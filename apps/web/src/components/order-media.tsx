import { useRef, type FormEvent } from 'react';
import type { Media } from '@igniflo/contract';
import { Skeleton } from './list-state.tsx';
import { useMediaUrl, useOrderMedia, useUploadMedia } from '../hooks/api/media.ts';
import { formatTime } from '../lib/api.ts';

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,video/mp4,application/pdf';

/** An order's files: thumbnails to open, and an upload with a progress bar. */
export function OrderMedia({ orderId }: { orderId: string }) {
  const media = useOrderMedia(orderId);
  const { upload, progress } = useUploadMedia(orderId);
  const input = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (file) upload.mutate(file, { onSuccess: () => input.current && (input.current.value = '') });
  };
  return (
    <section aria-labelledby="media-title">
      <h2 id="media-title">Photos and files</h2>
      <form onSubmit={submit} className="actions">
        <label htmlFor="media-file">File (JPEG, PNG, GIF, WebP, MP4 or PDF)</label>
        <input id="media-file" ref={input} type="file" accept={ACCEPT} required />
        <button type="submit" disabled={upload.isPending}>
          Upload
        </button>
      </form>
      {progress !== null && (
        <p>
          <label htmlFor="upload-progress">Uploading </label>
          <progress id="upload-progress" max={1} value={progress}>
            {Math.round(progress * 100)}%
          </progress>{' '}
          {Math.round(progress * 100)}%
        </p>
      )}
      {upload.error && <p role="alert">{upload.error.message}</p>}
      {upload.isSuccess && <p role="status">Uploaded {upload.data.fileName}.</p>}
      {media.isPending && <Skeleton label="Loading files" rows={1} />}
      {media.data?.items.length === 0 && <p className="empty">No files yet.</p>}
      <ul className="media">
        {media.data?.items.map((m) => (
          <MediaItem key={m.id} media={m} />
        ))}
      </ul>
    </section>
  );
}

function MediaItem({ media }: { media: Media }) {
  const isImage = media.hasThumbnail || media.contentType.startsWith('image/');
  // Only pictures are fetched to show; a PDF or a video is just named.
  const thumbnail = useMediaUrl(media.id, media.hasThumbnail ? 'thumbnail' : 'original', isImage);
  return (
    <li>
      {isImage && thumbnail ? (
        <img src={thumbnail} alt={media.fileName} width={120} height={120} />
      ) : (
        <span className="file-icon" aria-hidden="true">
          {media.contentType.split('/')[1]?.toUpperCase()}
        </span>
      )}
      <span>{media.fileName}</span>
      <span className="muted">
        {Math.ceil(media.sizeBytes / 1024)} KB · {formatTime(media.createdAt)}
      </span>
    </li>
  );
}
