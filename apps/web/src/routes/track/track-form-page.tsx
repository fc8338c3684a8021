import { PageHeading } from '../../components/page-heading.tsx';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';

export function TrackFormPage() {
  const [number, setNumber] = useState('');
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = number.trim().toUpperCase();
    if (clean) void navigate(`/track/${encodeURIComponent(clean)}`);
  };
  return (
    <section aria-labelledby="track-title">
      <PageHeading id="track-title" title="Track an order" />
      <form onSubmit={submit} className="search">
        <label htmlFor="order-number">Order number</label>
        <input
          id="order-number"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          autoComplete="off"
          placeholder="e.g. 7KX2M9QPLA"
          maxLength={20}
          required
        />
        <button type="submit">Track</button>
      </form>
    </section>
  );
}
