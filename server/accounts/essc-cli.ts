// Plays the 电子社保卡 app for the demo and tests: scans a login QR code and answers the service.
//   npm run essc -- scan <qrText> --as <residentId> [--confirm|--refuse]
// Without --confirm or --refuse it only scans (the app shows 已扫码, the person has not decided).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeError } from '../../domain/errors';
import { isErrorCode } from '../../domain/error-catalogue';
import { esscScanResponseSchema } from '../../domain/protocol/accounts';

const USAGE = 'Usage: npm run essc -- scan <qrText> --as <residentId> [--confirm|--refuse]';

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        as: { type: 'string' },
        confirm: { type: 'boolean', default: false },
        refuse: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const [command, qrText] = parsed.positionals;
  const { as: residentId, confirm, refuse } = parsed.values;
  if (command !== 'scan' || !qrText || !residentId || (confirm && refuse)) fail(USAGE);
  let url: URL;
  try {
    url = new URL(qrText);
  } catch {
    fail(`Not a login QR code of the service: ${qrText}`);
  }
  const qrId = url.searchParams.get('qr');
  if (!qrId || url.pathname !== '/v1/essc/scan')
    fail(`Not a login QR code of the service: ${qrText}`);

  const response = await fetch(new URL('/v1/essc/scan', url.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      qrId,
      residentId,
      decision: confirm ? 'confirm' : refuse ? 'refuse' : 'scan',
    }),
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = z.object({ code: z.string(), message: z.string() }).safeParse(body);
    const code = error.success ? error.data.code : `HTTP_${response.status}`;
    const message = error.success
      ? isErrorCode(error.data.code)
        ? describeError(error.data.code).message
        : error.data.message
      : '';
    fail(`${code} ${message}`, 1);
  }
  const result = esscScanResponseSchema.parse(body);
  process.stdout.write(`${result.state}\n`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e), 1));
