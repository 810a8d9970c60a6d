// A driver's CPU is read from its header, so a 32-bit DLL in the 64-bit app is named before
// Windows fails with error 193.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  archLabel,
  binaryKind,
  processArch,
  readBinaryKind,
} from '../../electron/services/diagnostics/binary-arch';
import { elfHeader, peHeader, PE_MACHINE, writePeDll } from '../support/pe-fixture';

const dir = mkdtempSync(join(tmpdir(), 'shebao-pe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('binary headers', () => {
  it('tells 32-bit, 64-bit and ARM64 Windows DLLs apart', () => {
    expect(binaryKind(peHeader(PE_MACHINE.x86))).toEqual({ format: 'pe', arch: 'x86' });
    expect(binaryKind(peHeader(PE_MACHINE.x64))).toEqual({ format: 'pe', arch: 'x64' });
    expect(binaryKind(peHeader(PE_MACHINE.arm64))).toEqual({ format: 'pe', arch: 'arm64' });
  });

  it('reads Linux libraries, including the real SoftHSM2 module', async () => {
    expect(binaryKind(elfHeader(2, 0x3e))).toEqual({ format: 'elf', arch: 'x64' });
    expect(binaryKind(elfHeader(1, 0x03))).toEqual({ format: 'elf', arch: 'x86' });
    expect(await readBinaryKind('/usr/lib/softhsm/libsofthsm2.so')).toEqual({
      format: 'elf',
      arch: processArch(),
    });
  });

  it('calls anything else unknown, and a missing file null', async () => {
    expect(binaryKind(Buffer.from('not a library at all'))).toEqual({ format: 'unknown' });
    // "MZ" with e_lfanew pointing past the end, or at something that is not "PE\0\0".
    const truncated = peHeader(PE_MACHINE.x64).subarray(0, 0x40);
    expect(binaryKind(truncated)).toEqual({ format: 'unknown' });
    const wrongSignature = peHeader(PE_MACHINE.x64);
    wrongSignature.write('NE', 0x40, 'latin1');
    expect(binaryKind(wrongSignature)).toEqual({ format: 'unknown' });
    writeFileSync(join(dir, 'readme.txt'), '请安装驱动');
    expect(await readBinaryKind(join(dir, 'readme.txt'))).toEqual({ format: 'unknown' });
    expect(await readBinaryKind(join(dir, 'absent.dll'))).toBeNull();
  });

  it('reads a DLL file from disk', async () => {
    const dll = writePeDll(join(dir, 'eps2003csp11.dll'), 'x86');
    expect(await readBinaryKind(dll)).toEqual({ format: 'pe', arch: 'x86' });
    expect(archLabel('x86')).toBe('32位');
    expect(archLabel(processArch('ia32'))).toBe('32位');
    expect(archLabel(processArch('x64'))).toBe('64位');
  });
});
