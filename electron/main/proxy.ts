// IT's proxy for everything Chromium fetches (the window, electron-updater's downloads) and, by
// handing the services the session's fetch, for their own requests (login, sync, 自检) too.
import type { HttpFetch } from '../services/net/http-fetch';
import type { ProxySetting } from '../services/it-settings';

export interface ProxyTarget {
  setProxy(config: {
    mode?: 'direct' | 'system' | 'fixed_servers';
    proxyRules?: string;
  }): Promise<void>;
}

export function applyProxy(session: ProxyTarget, proxy: ProxySetting): Promise<void> {
  if (proxy === 'system' || proxy === 'direct') return session.setProxy({ mode: proxy });
  return session.setProxy({ mode: 'fixed_servers', proxyRules: proxy });
}

export interface FetchingSession {
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/** The services' HTTP through the session: the same proxy, and Windows' settings under 'system'. */
export function sessionFetch(session: FetchingSession): HttpFetch {
  return (url, init) => session.fetch(url.href, init);
}
