import { useEffect, useRef, useState } from 'react';

/**
 * One polite status region, mounted empty, that says `sentence` when it changes after the first
 * render (UX guide §5): a live update is announced once, and focus never moves.
 */
export function StatusAnnouncer({ sentence }: { sentence: string }) {
  const first = useRef(sentence);
  const [said, setSaid] = useState('');
  useEffect(() => {
    if (sentence !== first.current) setSaid(sentence);
  }, [sentence]);
  return (
    <div role="status" className="sr-only">
      {said}
    </div>
  );
}
