// An update folder read over HTTP the way electron-updater's generic provider reads it: latest.yml,
// then the installer it names, kept only if its sha512 matches. Electron's own updater does the
// same inside the packaged app; this one serves Node (tests, tools) with the same rules.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '../../../domain/errors';
import { parseLatestYml, type LatestYml } from './latest-yml';
import type { Updater, UpdateOffer } from './update-service';

export interface GenericFeedOptions {
  /** The folder's URL (IT's updateUrl). */
  url: string;
  /** Where downloads are kept until the app is closed and the installer runs. */
  downloadDir: string;
  fetchFn?: typeof fetch;
  timeoutMs?: number;
}

export class GenericFeed implements Updater {
  private latest: LatestYml | null = null;
  private readonly base: URL;

  constructor(private readonly options: GenericFeedOptions) {
    this.base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  }

  private fetch(url: URL): Promise<Response> {
    return (this.options.fetchFn ?? fetch)(url, {
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
    });
  }

  async check(): Promise<UpdateOffer | null> {
    const response = await this.fetch(new URL('latest.yml', this.base));
    if (!response.ok) throw new AppError('UPDATE_FAILED');
    const latest = parseLatestYml(await response.text());
    if (!latest) throw new AppError('UPDATE_FAILED');
    this.latest = latest;
    return { version: latest.version };
  }

  /** Downloads the installer beside a temporary name; renames it only once its sha512 matches. */
  async download(): Promise<string> {
    const file = this.latest?.files[0];
    if (!file) throw new AppError('UPDATE_FAILED');
    const url = new URL(file.url, this.base);
    const name = basename(decodeURIComponent(url.pathname));
    mkdirSync(this.options.downloadDir, { recursive: true });
    const target = join(this.options.downloadDir, name);
    const partial = `${target}.partial`;
    const response = await this.fetch(url);
    if (!response.ok || !response.body) throw new AppError('UPDATE_FAILED');
    const hash = createHash('sha512');
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => hash.update(chunk));
    try {
      await pipeline(body, createWriteStream(partial));
    } catch {
      rmSync(partial, { force: true });
      throw new AppError('UPDATE_FAILED');
    }
    if (hash.digest('base64') !== file.sha512) {
      rmSync(partial, { force: true });
      throw new AppError('UPDATE_CHECKSUM_MISMATCH');
    }
    renameSync(partial, target);
    return target;
  }
}
