// `npm start`: the reference server with demo data, a demo token set, and the app — in an
// Electron window where Electron's binary is installed, otherwise in browser mode.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { readDemoManifest, type DemoManifest } from '../tests/pki/make-demo-tokens';
import { buildRenderer } from './build-renderer';
import { ensureCjkFont, systemPackages } from './system-packages';

const root = resolve(import.meta.dirname, '..');
const demoDir = join(root, '.demo');
const children: ChildProcess[] = [];

function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 60 s`)), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = pattern.exec(line);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match);
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code}`)));
  });
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return child;
}

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function shutdown(code = 0): never {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

/** The demo set's manifest; null when there is none or it is from an older version. */
function demoManifest(): DemoManifest | null {
  try {
    return readDemoManifest(demoDir);
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  mkdirSync(demoDir, { recursive: true });
  if (!ensureCjkFont())
    console.warn(
      '没有找到中文字体，界面中的中文可能显示为方框。请按上面的提示安装 fonts-noto-cjk。',
    );
  const hasSoftHsm = existsSync(systemPackages[0].file);
  if (!demoManifest()) {
    console.log('正在生成演示证书和演示U盾（首次启动需要几秒钟）…');
    const maker = run([
      'tests/pki/make-demo-tokens.ts',
      '--out',
      demoDir,
      ...(hasSoftHsm ? [] : ['--no-softhsm']),
    ]);
    await new Promise<void>((ok, fail) =>
      maker.once('exit', (code) =>
        code === 0 ? ok() : fail(new Error('demo token set-up failed')),
      ),
    );
  }

  const server = run([
    'server/cli.ts',
    '--port',
    '0',
    '--data',
    join(demoDir, 'server'),
    '--trust',
    join(demoDir, 'pki'),
    '--demo',
    // The demo PKI is made once and its CRL goes stale after 30 days: the demo lets that pass.
    '--crl-fail-open',
    // The demo service reviews by itself: uploaded declarations are approved after a few seconds.
    '--auto-review',
    'approve',
    '--auto-review-delay-ms',
    '5000',
  ]);
  server.stdout!.pipe(process.stdout);
  const [, serverUrl] = await waitForLine(
    server,
    /listening on (http:\/\/\S+)/,
    'the reference server',
  );
  console.log(`演示社保服务已启动：${serverUrl}`);

  const softHsmConf = join(demoDir, 'softhsm', 'softhsm2.conf');
  const tokenEnv: Record<string, string> =
    hasSoftHsm && existsSync(softHsmConf) ? { SOFTHSM2_CONF: softHsmConf } : {};
  const p12 = join(demoDir, 'demo-soft-cert.p12');
  // The SKF U盾 (skf-sim) of the demo set, where the simulator could be built.
  const skf = demoManifest()?.skf ?? null;
  if (skf) Object.assign(tokenEnv, { SKF_SIM_STATE: skf.stateDir });
  // The demo U盾 behind the U-Key simulator, which also holds the 国密 U盾's SM2 keys.
  const sim = hasSoftHsm ? demoManifest()?.ukeySim : undefined;
  const simArgs = sim ? ['--no-registry', '--module', sim.module] : [];
  const simState = join(demoDir, 'ukey-sim-state');
  const simEnv = sim ? { UKEY_SIM_KEYS: sim.keysDir, UKEY_SIM_STATE: simState } : {};
  if (!hasSoftHsm) console.log('未找到 SoftHSM2：将使用“演示软证书”登录，密码 123456。');

  const electron = electronBinary();
  if (electron && process.env.SHEBAO_BROWSER_MODE !== '1') {
    console.log('正在打开 Shebao Desk 窗口…');
    const dev = spawn(
      process.execPath,
      [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'dev'],
      {
        cwd: root,
        env: { ...process.env, ...tokenEnv, SHEBAO_SERVER_URL: serverUrl, SHEBAO_DEMO_P12: p12 },
        stdio: 'inherit',
      },
    );
    children.push(dev);
    dev.once('exit', (code) => shutdown(code ?? 0));
    return;
  }

  console.log('未安装 Electron 运行文件，改用浏览器模式（同一界面，在浏览器中打开）。');
  await buildRenderer();
  const app = run(
    [
      'electron/browser/cli.ts',
      '--server',
      serverUrl!,
      '--data',
      join(demoDir, 'app'),
      '--p12',
      p12,
      ...simArgs,
      ...(skf ? ['--skf-module', skf.library] : []),
    ],
    { ...tokenEnv, ...simEnv },
  );
  const [, url] = await waitForLine(app, /SHEBAO_BROWSER_READY (\S+)/, 'browser mode');
  console.log(`\n请在浏览器中打开：\n  ${url}\n演示U盾密码：123456（按 Ctrl+C 退出）`);
  if (sim) {
    console.log(
      `模拟拔出U盾：UKEY_SIM_STATE=${simState} SOFTHSM2_CONF=${tokenEnv.SOFTHSM2_CONF ?? ''} npm run ukey-sim -- remove --label "mToken GM3000 SM2"`,
    );
  }
  if (process.env.DISPLAY || process.platform === 'win32' || process.platform === 'darwin') {
    const opener =
      process.platform === 'win32'
        ? 'explorer'
        : process.platform === 'darwin'
          ? 'open'
          : 'xdg-open';
    spawn(opener, [url!], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  }
  app.once('exit', (code) => shutdown(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  shutdown(1);
});
