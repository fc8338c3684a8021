/** What a webhook turned off for failing too long says: on the webhook, and to every admin. */

/** "24 h", "30 min", "0.3 s": the failure window as an admin reads it. */
export function formatWindow(ms: number): string {
  if (ms >= 3_600_000) return `${Math.round((ms / 3_600_000) * 10) / 10} h`;
  if (ms >= 60_000) return `${Math.round((ms / 60_000) * 10) / 10} min`;
  return `${Math.round(ms / 100) / 10} s`;
}

export function disabledNotice(url: string, windowMs: number, failingSince: string) {
  const window = formatWindow(windowMs);
  return {
    reason: `Every delivery failed for ${window} (since ${failingSince}) without a success.`,
    title: `Webhook ${url} was disabled after ${window} of failures`,
    body: 'Fix the receiver, then re-enable the webhook: it resumes with the first event it has not delivered.',
  };
}
