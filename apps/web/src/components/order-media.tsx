import { useRef, useState, type FormEvent } from 'react';
import type { Media } from '@igniflo/contract';
import { Empty, Skeleton } from './list-state.tsx';
import { Button } from './ui/button.tsx';
import { Dialog } from './ui/dialog.tsx';
import { notify } from './ui/toaster.tsx';
import { useDeleteMedia, useMediaUrl, useOrderMedia, useUploadMedia } from '../hooks/api/media.ts';
import { formatTime } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,video/mp4,application/pdf';

/**
 * An order's files: previews, an upload with a progress bar, and a delete (behind a confirmation)
 * for the uploader or an admin. `reader` says who looks: a customer sees the shop's photos only once
 * the order is delivered (SPEC §7), and is told so until then.
 */
export function OrderMedia({
  orderId,
  reader,
  delivered = false,
}: {
  orderId: string;
  reader: 'customer' | 'staff';
  delivered?: boolean;
}) {
  const media = useOrderMedia(orderId);
  const { upload, progress } = useUploadMedia(orderId);
  const remove = useDeleteMedia(orderId);
  const { user } = useSession();
  const [deleting, setDeleting] = useState<Media | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (file) upload.mutate(file, { onSuccess: () => input.current && (input.current.value = '') });
  };
  const mayDelete = (m: Media) => user !== null && (m.uploaderId === user.id || user.role === 'ADMIN');
  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notify('success', `Deleted ${deleting.fileName}.`);
        setDeleting(null);
      },
    });
  };
  return (
    <section aria-labelledby="media-title">
      <h2 id="media-title">Photos and files</h2>
      {reader === 'customer' && !delivered && (
        <p className="text-sm text-muted-foreground">
          Photos the shop takes of your order show here once it is delivered.
        </p>
      )}
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
          <MediaItem
            key={m.id}
            media={m}
            from={fromText(m, reader)}
            onDelete={
              mayDelete(m)
                ? () => {
                    remove.reset();
                    setDeleting(m);
                  }
                : undefined
            }
          />
        ))}
      </ul>
      <Dialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={`Delete ${deleting?.fileName ?? 'this file'}?`}
        description="The file and its preview are removed for everyone. This cannot be undone."
      >
        {remove.error && <p role="alert">{remove.error.message}</p>}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDeleting(null)}>
            Keep the file
          </Button>
          <Button variant="destructive" onClick={confirmDelete} disabled={remove.isPending}>
            Delete file
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

const fromText = (media: Media, reader: 'customer' | 'staff') =>
  media.uploadedByStaff ? 'From the shop' : reader === 'customer' ? 'Yours' : 'From the customer';

function MediaItem({ media, from, onDelete }: { media: Media; from: string; onDelete?: () => void }) {
  const isImage = media.hasThumbnail || media.contentType.startsWith('image/');
  const [viewing, setViewing] = useState(false);
  // Only pictures are fetched to show, as their small preview; a PDF or a video is just named.
  const thumbnail = useMediaUrl(media.id, media.hasThumbnail ? 'thumbnail' : 'original', isImage);
  // The full picture only once asked for.
  const original = useMediaUrl(media.id, 'original', isImage && viewing);
  return (
    <li className="flex flex-col gap-1 text-sm break-words">
      {isImage && thumbnail ? (
        <button
          type="button"
          className="size-30 cursor-zoom-in rounded-md p-0"
          aria-label={`View ${media.fileName}`}
          onClick={() => setViewing(true)}
        >
          <img
            src={thumbnail}
            alt={media.fileName}
            width={120}
            height={120}
            className="size-30 rounded-md bg-muted object-cover"
          />
        </button>
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
        {from} · {Math.ceil(media.sizeBytes / 1024)} KB · {formatTime(media.createdAt)}
      </span>
      {isImage && (
        <Dialog open={viewing} onOpenChange={setViewing} title={media.fileName} wide>
          {original ? (
            <img src={original} alt={media.fileName} className="max-h-[70dvh] w-full object-contain" />
          ) : (
            <Skeleton label="Loading the picture" rows={1} />
          )}
          <Button variant="secondary" className="self-end" onClick={() => setViewing(false)}>
            Close
          </Button>
        </Dialog>
      )}
      {onDelete && (
        <Button
          variant="destructive-outline"
          size="sm"
          className="self-start"
          aria-label={`Delete ${media.fileName}`}
          onClick={onDelete}
        >
          Delete
        </Button>
      )}
    </li>
  );
}
