/** A live stream as a browser holds it, for tests that watch the server end it. */

/** An open /events stream read in the background; `ended` turns true when the server closes it. */
export async function openStream(base: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const state = { status: res.status, ended: false, received: '', close: () => controller.abort() };
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          state.received += value;
        }
      } catch {
        // aborted by the test
      }
      state.ended = true;
    })();
  }
  return state;
}
