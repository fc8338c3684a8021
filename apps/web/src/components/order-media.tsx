import { useRef, type FormEvent } from 'react';
import type { Media } from '@igniflo/contract';
import { Empty, Skeleton } from './list-state.tsx';
import { Button } from './ui/button.tsx';
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
      <form onSubmit={submit} className="my-3 flex flex-wrap items-center gap-3">
        <label htmlFor="media-file" className="font-medium">
          File (JPEG, PNG, GIF, WebP, MP4 or PDF)
        </label>
        <input id="media-file" ref={input} type="file" accept={ACCEPT} required className="max-w-full" />
        <Button type="submit" variant="secondary" disabled={upload.isPending}>
          Upload
        </Button>
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
      {media.data?.items.length === 0 && <Empty>No files yet.</Empty>}
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(9rem,1fr))] gap-3">
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
    <li className="flex flex-col gap-1 text-sm break-words">
      {isImage && thumbnail ? (
        <img
          src={thumbnail}
          alt={media.fileName}
          width={120}
          height={120}
          className="size-30 rounded-md bg-muted object-cover"
        />
      ) : (
        <span
          className="flex size-30 items-center justify-center rounded-md bg-muted font-bold"
          aria-hidden="true"
        >
          {media.contentType.split('/')[1]?.toUpperCase()}
        </span>
      )}
      <span>{media.fileName}</span>
      <span className="text-muted-foreground">
        {Math.ceil(media.sizeBytes / 1024)} KB · {formatTime(media.createdAt)}
      </span>
    </li>
  );
}
