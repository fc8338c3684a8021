// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Media, Role } from '@igniflo/contract';
import { fakeServer, renderPage, sessionFor } from '../test-support/app-harness.tsx';
import { notify } from './ui/toaster.tsx';
import { OrderMedia } from './order-media.tsx';

vi.mock('./ui/toaster.tsx', () => ({ notify: vi.fn() }));

// jsdom has no object URLs; the list only hands them to <img>.
beforeEach(() => {
  vi.stubGlobal(
    'URL',
    Object.assign(class extends URL {}, {
      createObjectURL: vi.fn(() => 'blob:preview'),
      revokeObjectURL: vi.fn(),
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.mocked(notify).mockClear();
});

const file = (id: string, uploaderId: string, uploadedByStaff: boolean): Media => ({
  id,
  orderId: 'o1',
  uploaderId,
  uploadedByStaff,
  fileName: `${id}.png`,
  contentType: 'image/png',
  sizeBytes: 2048,
  sha256: 'x',
  hasThumbnail: true,
  createdAt: '2026-06-01T10:00:00.000Z',
});
/** The customer's reference picture and a staff member's photo. */
const FILES = [file('reference', 'user-customer', false), file('packed', 'someone-on-staff', true)];

function show(role: Role, reader: 'customer' | 'staff', delivered = true) {
  let items = FILES;
  const server = fakeServer({
    'POST /auth/refresh': () => [200, sessionFor(role)],
    'GET /orders/o1/media': () => [200, { items }],
    'GET /media/reference': () => [200, {}],
    'GET /media/packed': () => [200, {}],
    'DELETE /media/reference': () => {
      items = items.filter((m) => m.id !== 'reference');
      return [204];
    },
  });
  renderPage(<OrderMedia orderId="o1" reader={reader} delivered={delivered} />);
  return server;
}

describe('an order’s files', () => {
  it('lets the customer delete their own file after confirming, never the shop’s photo', async () => {
    const server = show('CUSTOMER', 'customer');
    const item = (await screen.findByRole('img', { name: 'reference.png' })).closest('li') as HTMLElement;
    expect(within(item).getByText(/^Yours ·/)).toBeTruthy();
    const packed = (await screen.findByRole('img', { name: 'packed.png' })).closest('li') as HTMLElement;
    expect(within(packed).getByText(/^From the shop ·/)).toBeTruthy();
    expect(within(packed).queryByRole('button', { name: /Delete/ })).toBeNull();
    // The previews are the small thumbnails.
    expect(server.to('GET', '/media/packed')[0]?.query.get('variant')).toBe('thumbnail');

    fireEvent.click(within(item).getByRole('button', { name: 'Delete reference.png' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete reference.png?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep the file' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(server.to('DELETE', '/media/reference')).toHaveLength(0);

    fireEvent.click(within(item).getByRole('button', { name: 'Delete reference.png' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete file' }));
    await waitFor(() => expect(screen.queryByRole('img', { name: 'reference.png' })).toBeNull());
    expect(server.to('DELETE', '/media/reference')).toHaveLength(1);
    expect(notify).toHaveBeenCalledWith('success', 'Deleted reference.png.');
  });

  it('offers staff no delete of files they did not upload, and an admin the delete of every file', async () => {
    show('STAFF', 'staff');
    await screen.findByRole('img', { name: 'packed.png' });
    expect(screen.getByText(/^From the customer ·/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
    cleanup();
    show('ADMIN', 'staff');
    await screen.findByRole('img', { name: 'packed.png' });
    expect(
      screen.getAllByRole('button', { name: /^Delete/ }).map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Delete reference.png', 'Delete packed.png']);
  });

  it('tells the customer the shop’s photos show once the order is delivered', async () => {
    show('CUSTOMER', 'customer', false);
    expect(await screen.findByText(/show here once it is delivered/)).toBeTruthy();
    cleanup();
    show('CUSTOMER', 'customer', true);
    await screen.findByRole('img', { name: 'packed.png' });
    expect(screen.queryByText(/show here once it is delivered/)).toBeNull();
  });
});
