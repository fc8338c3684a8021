import { useState } from 'react';
import { Package } from 'lucide-react';
import { cn } from '../lib/cn.ts';

/** The product's picture, or a quiet placeholder when it has none or it fails to load. */
export function ProductImage({ url, className }: { url: string | null; className?: string }) {
  const [failed, setFailed] = useState(false);
  const box = cn('aspect-square w-full rounded-md bg-muted object-cover', className);
  if (!url || failed)
    return (
      <div className={cn(box, 'flex items-center justify-center text-muted-foreground')} aria-hidden="true">
        <Package className="size-1/3" strokeWidth={1.25} />
      </div>
    );
  return <img src={url} alt="" loading="lazy" className={box} onError={() => setFailed(true)} />;
}
