// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, renderPage, sessionFor, type Request } from '../../test-support/app-harness.tsx';
import { RequestPage } from './request-page.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the custom request form', () => {
  it('sends the request as an order without items, trimmed, blank fields left out, and opens it', async () => {
    const server = fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('CUSTOMER')],
      'POST /orders': () => [201, { id: 'order-9' }],
    });
    renderPage(<RequestPage />, { path: '/request' });
    await waitFor(() => expect(server.to('POST', '/auth/refresh')).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('What would you like?'), { target: { value: ' A walnut tray ' } });
    fireEvent.change(screen.getByLabelText('Details (size, colour, quantity…)'), {
      target: { value: '40 × 30 cm, oiled' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));

    await waitFor(() => expect(screen.getByLabelText('location').textContent).toBe('/orders/order-9'));
    const [sent] = server.to('POST', '/orders') as [Request];
    expect(sent.body).toEqual({ title: 'A walnut tray', description: '40 × 30 cm, oiled' });
    expect(sent.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks the field the server refused', async () => {
    fakeServer({
      'POST /auth/refresh': () => [200, sessionFor('CUSTOMER')],
      'POST /orders': () => [
        400,
        {
          error: {
            code: 'VALIDATION_ERROR',
            message: 'Invalid body: body/title must NOT have more than 200 characters',
            details: [{ path: 'body/title', message: 'must NOT have more than 200 characters' }],
          },
          requestId: 'r',
        },
      ],
    });
    renderPage(<RequestPage />, { path: '/request' });
    fireEvent.change(screen.getByLabelText('What would you like?'), { target: { value: 'A tray' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send request' }));
    expect(await screen.findByText('Use at most 200 characters.')).toBeTruthy();
    expect(screen.getByLabelText('What would you like?').getAttribute('aria-invalid')).toBe('true');
  });
});
