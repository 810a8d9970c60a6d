// IT's proxy for everything Chromium fetches (the window, electron-updater's downloads).
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
