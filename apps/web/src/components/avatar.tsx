import type { User } from '@igniflo/contract';
import { useAvatarImage } from '../hooks/api/account.ts';
import { cn } from '../lib/cn.ts';

const SIZES = { sm: 'size-7 text-xs', lg: 'size-24 text-3xl' };

/** Up to two letters from the name: "Ada Lovelace" → "AL". */
export const initialsOf = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('') || '?';

/**
 * A user's profile picture, or their initials on a plain disc while there is none (or it loads).
 * `alt` names the picture; without one it is decoration beside the name it stands for.
 */
export function Avatar({
  user,
  size = 'sm',
  alt,
  className,
}: {
  user: Pick<User, 'name' | 'avatarUrl'>;
  size?: keyof typeof SIZES;
  alt?: string;
  className?: string;
}) {
  const image = useAvatarImage(user.avatarUrl);
  const box = cn('shrink-0 rounded-full', SIZES[size], className);
  if (image) return <img src={image} alt={alt ?? ''} className={cn(box, 'object-cover')} />;
  return (
    <span
      className={cn(box, 'inline-flex items-center justify-center bg-muted font-semibold text-foreground')}
      {...(alt ? { role: 'img', 'aria-label': alt } : { 'aria-hidden': true })}
    >
      {initialsOf(user.name)}
    </span>
  );
}
