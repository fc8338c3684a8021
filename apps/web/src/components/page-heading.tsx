import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { cn } from '../lib/cn.ts';

/**
 * A page's `<h1>`: it names the browser tab, and after a navigation inside the app it takes the
 * focus, so a screen reader announces the new page and Tab starts from its top (React routers
 * leave focus on the link that was clicked). On the first page the browser's own focus stays.
 */
export function PageHeading({
  title,
  children,
  id,
  className,
}: {
  title: string;
  children?: ReactNode;
  id?: string;
  className?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    document.title = `${title} · Igniflo`;
  }, [title]);
  useEffect(() => {
    if (key !== 'default') ref.current?.focus();
  }, [key]);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className={cn(className)}>
      {children ?? title}
    </h1>
  );
}
