// Worker entry when running from source (tsx, vitest): Node 20 cannot start a Worker from a .ts
// file, so this registers tsx inside the worker and then imports the real entry.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
