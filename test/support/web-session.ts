// A client of browser mode as the page is one: spend a launch address for the session cookie and the proof key.
import type { WebServer } from '../../web/server';

export interface WebSession {
  url: string;
  /** The Cookie header the browser would send. */
  cookie: string;
  proofKey: string;
}

export async function openWebSession(server: WebServer, launchUrl = server.newLaunchUrl()): Promise<WebSession> {
  const launchToken = new URL(launchUrl).searchParams.get('launch');
  const res = await fetch(`${server.url}/launch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ launchToken }),
  });
  const body = (await res.json()) as { ok: boolean; value: { proofKey: string } };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!body.ok || cookie === '') throw new Error(`launch refused: ${JSON.stringify(body)}`);
  return { url: server.url, cookie, proofKey: body.value.proofKey };
}
