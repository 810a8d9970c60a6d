// Serves a folder of releases as electron-updater's generic provider expects them: latest.yml
// and the installer it names, under /updates/. For the demo and tests; a company serves the same
// folder from any intranet web server.
import { createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

// One plain file name: no folders, no "..", nothing hidden.
const fileParam = z.object({
  file: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\]+$/)
    .refine((name) => !name.startsWith('.'), 'no hidden files'),
});

const TYPES: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.blockmap': 'application/octet-stream',
  '.exe': 'application/octet-stream',
};

export function registerUpdateRoutes(app: FastifyInstance, dir: string): void {
  app.get('/updates/:file', async (request, reply) => {
    const params = fileParam.safeParse(request.params);
    if (!params.success) return reply.code(404).send({ code: 'NOT_FOUND' });
    const path = join(dir, params.data.file);
    let size: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) return reply.code(404).send({ code: 'NOT_FOUND' });
      size = stat.size;
    } catch {
      return reply.code(404).send({ code: 'NOT_FOUND' });
    }
    const ext = /\.[^.]+$/.exec(params.data.file)?.[0]?.toLowerCase() ?? '';
    return reply
      .header('content-type', TYPES[ext] ?? 'application/octet-stream')
      .header('content-length', String(size))
      .send(createReadStream(path));
  });
}
