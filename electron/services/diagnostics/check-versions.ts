// Versions of the app and its parts, for the help desk's first question.
import { createRequire } from 'node:module';
import { finding, type Finding } from './finding';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string | null {
  try {
    return (require(`${name}/package.json`) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

export function versionParts(): string[] {
  const parts: string[] = [];
  const versions = process.versions as Record<string, string | undefined>;
  if (versions.electron) parts.push(`Electron ${versions.electron}`);
  if (versions.chrome) parts.push(`Chromium ${versions.chrome}`);
  parts.push(`Node ${process.versions.node}`);
  for (const name of ['pkcs11js', 'better-sqlite3']) {
    const version = packageVersion(name);
    if (version) parts.push(`${name} ${version}`);
  }
  parts.push(`${process.platform}-${process.arch}`);
  return parts;
}

export function checkVersions(appVersion: string): Finding[] {
  return [
    finding('app', 'ok', 'VERSIONS', 'VERSIONS', {
      app: appVersion,
      parts: versionParts().join('，'),
    }),
  ];
}
