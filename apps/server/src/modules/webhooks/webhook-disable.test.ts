import { describe, expect, it } from 'vitest';
import { disabledNotice, formatWindow } from './webhook-disable.ts';

describe('the notice of a webhook turned off', () => {
  it('names the failure window in the largest unit that fits', () => {
    expect(formatWindow(24 * 3_600_000)).toBe('24 h');
    expect(formatWindow(90 * 60_000)).toBe('1.5 h');
    expect(formatWindow(30 * 60_000)).toBe('30 min');
    expect(formatWindow(300)).toBe('0.3 s');
  });

  it('tells the admin which webhook, after how long, and what to do', () => {
    const notice = disabledNotice('https://hooks.example.com/in', 24 * 3_600_000, '2030-01-01T00:00:00.000Z');
    expect(notice.title).toBe('Webhook https://hooks.example.com/in was disabled after 24 h of failures');
    expect(notice.reason).toContain('since 2030-01-01T00:00:00.000Z');
    expect(notice.body).toMatch(/re-enable/);
  });
});
