// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Timeline } from './timeline.tsx';

afterEach(cleanup);

describe('Timeline', () => {
  it('lists status changes newest first, marking the current one for assistive technology', () => {
    render(
      <Timeline
        entries={[
          { status: 'PENDING', at: '2026-11-20T10:00:00.000Z' },
          { status: 'CONFIRMED', at: '2026-11-20T11:00:00.000Z' },
          { status: 'SHIPPED', at: '2026-11-21T09:30:00.000Z' },
        ]}
      />,
    );
    const list = screen.getByRole('list', { name: 'Order history' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('strong').textContent)).toEqual([
      'Shipped',
      'Confirmed',
      'Received',
    ]);
    expect(items[0]?.getAttribute('aria-current')).toBe('step');
    expect(items[1]?.getAttribute('aria-current')).toBeNull();
    expect(items[0]?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-21T09:30:00.000Z');
  });

  it('shows an entry appended by a live update', () => {
    const entries = [{ status: 'PENDING' as const, at: '2026-11-20T10:00:00.000Z' }];
    const { rerender } = render(<Timeline entries={entries} />);
    rerender(<Timeline entries={[...entries, { status: 'ON_HOLD', at: '2026-11-20T12:00:00.000Z' }]} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getAllByRole('listitem')[0]?.textContent).toContain('On hold');
  });

  it('shows the latest three, and all of them on request', () => {
    const statuses = ['PENDING', 'CONFIRMED', 'IN_PROGRESS', 'SHIPPED', 'DELIVERED'] as const;
    render(
      <Timeline entries={statuses.map((status, i) => ({ status, at: `2026-11-2${i}T10:00:00.000Z` }))} />,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Delivered',
      'Shipped',
      'Being prepared',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'All updates (5)' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(5);
    expect(screen.queryByRole('button', { name: /All updates/ })).toBeNull();
  });

  it('puts other entries among the status changes by time, whatever order they come in', () => {
    render(
      <Timeline
        shown={5}
        entries={[
          { status: 'PENDING', at: '2026-11-20T10:00:00.000Z' },
          { status: 'CONFIRMED', at: '2026-11-20T11:00:00.000Z' },
          { id: 'm2', text: 'Email sent — Confirmed', at: '2026-11-20T11:00:05.000Z' },
          { id: 'm1', text: 'Email sent — Received', at: '2026-11-20T10:00:05.000Z' },
          {
            id: 'm3',
            text: 'Email failed — Shipped',
            at: '2026-11-20T12:00:00.000Z',
            detail: 'Gave up after 9 attempts',
            problem: true,
          },
        ]}
      />,
    );
    const items = screen.getAllByRole('listitem');
    expect(items.map((item) => item.firstElementChild?.textContent)).toEqual([
      'Email failed — Shipped',
      'Email sent — Confirmed',
      'Confirmed',
      'Email sent — Received',
      'Received',
    ]);
    expect(items[0]?.textContent).toContain('Gave up after 9 attempts');
    expect(items[2]?.getAttribute('aria-current')).toBe('step');
    expect(items.filter((item) => item.getAttribute('aria-current'))).toHaveLength(1);
  });
});
