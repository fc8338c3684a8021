// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '@igniflo/contract';
import { fakeServer, renderPage, sessionFor } from '../../test-support/app-harness.tsx';
import { ProfilePage } from './profile-page.tsx';

// jsdom has no object URLs; the page only hands them to <img>.
beforeEach(() => {
  vi.stubGlobal(
    'URL',
    Object.assign(class extends URL {}, {
      createObjectURL: vi.fn(() => 'blob:avatar'),
      revokeObjectURL: vi.fn(),
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const customer = sessionFor('CUSTOMER');
const withPicture = (v: string): User => ({
  ...customer.user,
  avatarUrl: `/api/v1/users/${customer.user.id}/avatar?v=${v}`,
});
const refused = (status: number, code: string, message: string) =>
  [status, { error: { code, message }, requestId: 'r' }] as [number, unknown];

async function choose(file: File) {
  const input = await screen.findByLabelText<HTMLInputElement>('Picture');
  fireEvent.change(input, { target: { files: [file] } });
  // jsdom keeps its own, empty file list for `required`: the form is submitted as the button would.
  fireEvent.submit(screen.getByRole('form', { name: 'Change profile picture' }));
}

describe('the profile picture', () => {
  it('shows the initials until a picture is uploaded, then the picture, fetched with the token', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, customer],
      'PUT /users/me/avatar': () => [200, withPicture('v1')],
      [`GET /users/${customer.user.id}/avatar`]: () => [200, {}],
    });
    renderPage(<ProfilePage />, { path: '/account' });
    const card = await screen.findByRole('region', { name: 'Profile picture' });
    expect(within(card).getByRole('img', { name: 'No picture yet: your initials, TC' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Remove picture' })).toBeNull();

    const file = new File(['png bytes'], 'me.png', { type: 'image/png' });
    await choose(file);

    // The initials stand in until the picture has loaded.
    await waitFor(() =>
      expect(within(card).getByRole('img', { name: 'Your profile picture' }).getAttribute('src')).toBe(
        'blob:avatar',
      ),
    );
    const sent = server.to('PUT', '/users/me/avatar')[0];
    expect(sent?.body).toBeInstanceOf(FormData);
    expect((sent?.body as FormData).get('file')).toEqual(file);
    const fetched = server.to('GET', `/users/${customer.user.id}/avatar`);
    expect(fetched[0]?.query.get('v')).toBe('v1');
    expect(fetched[0]?.headers.get('authorization')).toBe(`Bearer ${customer.accessToken}`);
    expect(within(card).getByRole('button', { name: 'Remove picture' })).toBeTruthy();
    expect(within(card).queryByRole('alert')).toBeNull();
  });

  it('shows why a file was refused and keeps the picture there was', async () => {
    fakeServer({
      'POST /auth/refresh': () => [200, customer],
      'PUT /users/me/avatar': () =>
        refused(415, 'UNSUPPORTED_MEDIA_TYPE', 'A profile picture must be a JPEG, PNG, GIF or WebP image'),
    });
    renderPage(<ProfilePage />, { path: '/account' });
    await choose(new File(['%PDF-1.4'], 'scan.pdf', { type: 'application/pdf' }));

    const card = screen.getByRole('region', { name: 'Profile picture' });
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('The picture was not uploaded');
    expect(alert.textContent).toContain('A profile picture must be a JPEG, PNG, GIF or WebP image');
    expect(screen.getByRole('img', { name: 'No picture yet: your initials, TC' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Upload picture' })).toHaveProperty('disabled', false);
  });

  it('removes the picture and goes back to the initials', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, { ...customer, user: withPicture('v2') }],
      [`GET /users/${customer.user.id}/avatar`]: () => [200, {}],
      'DELETE /users/me/avatar': () => [200, customer.user],
    });
    renderPage(<ProfilePage />, { path: '/account' });
    await screen.findByRole('img', { name: 'Your profile picture' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove picture' }));

    expect(await screen.findByRole('img', { name: 'No picture yet: your initials, TC' })).toBeTruthy();
    await waitFor(() => expect(server.to('DELETE', '/users/me/avatar')).toHaveLength(1));
    expect(screen.queryByRole('button', { name: 'Remove picture' })).toBeNull();
  });
});
