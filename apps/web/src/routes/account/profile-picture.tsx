import { useRef, type FormEvent } from 'react';
import type { User } from '@igniflo/contract';
import { Avatar, initialsOf } from '../../components/avatar.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Card, CardTitle } from '../../components/ui/card.tsx';
import { Field } from '../../components/ui/field.tsx';
import { notify } from '../../components/ui/toaster.tsx';
import { useRemoveAvatar, useSetAvatar } from '../../hooks/api/account.ts';

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp';

/** The profile picture: the current one (or the initials), a new one from a file, or none. */
export function ProfilePicture({ user }: { user: User }) {
  const upload = useSetAvatar();
  const removal = useRemoveAvatar();
  const input = useRef<HTMLInputElement>(null);
  const error = upload.error ?? removal.error;
  const busy = upload.isPending || removal.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    removal.reset();
    upload.mutate(file, {
      onSuccess: () => {
        if (input.current) input.current.value = '';
        notify('success', 'Your profile picture is updated.');
      },
    });
  };
  const remove = () => {
    upload.reset();
    removal.mutate(undefined, { onSuccess: () => notify('success', 'Your profile picture is removed.') });
  };

  return (
    <Card aria-labelledby="picture-title" className="flex max-w-sm flex-col gap-3">
      <CardTitle id="picture-title">Profile picture</CardTitle>
      <div className="flex items-center gap-4">
        <Avatar
          user={user}
          size="lg"
          alt={
            user.avatarUrl
              ? 'Your profile picture'
              : `No picture yet: your initials, ${initialsOf(user.name)}`
          }
        />
        <p className="m-0 text-sm text-muted-foreground">
          {user.avatarUrl
            ? 'Shown on your account and to the shop’s staff.'
            : 'No picture yet, so your initials are shown.'}
        </p>
      </div>
      <form
        onSubmit={submit}
        className="flex flex-col gap-3"
        aria-label="Change profile picture"
        aria-busy={upload.isPending}
      >
        <Field
          id="avatar-file"
          label={user.avatarUrl ? 'New picture' : 'Picture'}
          hint="JPEG, PNG, GIF or WebP. It is cropped to a square."
        >
          <input
            id="avatar-file"
            ref={input}
            type="file"
            accept={ACCEPT}
            required
            disabled={busy}
            aria-describedby="avatar-file-hint"
            className="text-sm file:mr-3 file:h-9 file:cursor-pointer file:rounded-md file:border file:border-border file:bg-card file:px-3 file:text-foreground"
          />
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={busy}>
            {upload.isPending ? 'Uploading…' : 'Upload picture'}
          </Button>
          {user.avatarUrl && (
            <Button variant="destructive-outline" onClick={remove} disabled={busy}>
              {removal.isPending ? 'Removing…' : 'Remove picture'}
            </Button>
          )}
        </div>
      </form>
      {error && (
        <Alert
          tone="destructive"
          role="alert"
          title={upload.error ? 'The picture was not uploaded' : 'The picture was not removed'}
        >
          {error.message}
        </Alert>
      )}
    </Card>
  );
}
