// A small append-only log (JSON lines) in the data directory, for IT when something goes wrong.
// Callers pass only what is safe to keep: method names, codes, durations — never inputs.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type LogFields = Record<string, string | number | boolean | undefined>;

export class AppLog {
  readonly file: string;

  constructor(dataDir: string) {
    const dir = join(dataDir, 'logs');
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, 'app.log');
  }

  write(event: string, fields: LogFields = {}): void {
    try {
      appendFileSync(
        this.file,
        JSON.stringify({ t: new Date().toISOString(), event, ...fields }) + '\n',
      );
    } catch {
      // Logging must never break the app (a full disk is reported elsewhere).
    }
  }
}
