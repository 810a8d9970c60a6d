// The CPU a driver library was built for, read from its header: the PE "Machine" field of a
// Windows DLL, or the ELF class and machine of a Linux .so. Knowing it before loading turns
// Windows' error 193 ("不是有效的 Win32 应用程序") into a finding that names the wrong file.
import { open } from 'node:fs/promises';

export type BinaryArch = 'x86' | 'x64' | 'arm64' | 'arm' | 'other';
export type BinaryKind = { format: 'pe' | 'elf'; arch: BinaryArch } | { format: 'unknown' };

const PE_MACHINES: Record<number, BinaryArch> = {
  0x014c: 'x86',
  0x8664: 'x64',
  0xaa64: 'arm64',
  0x01c4: 'arm',
};
const ELF_MACHINES: Record<number, BinaryArch> = {
  0x03: 'x86',
  0x3e: 'x64',
  0xb7: 'arm64',
  0x28: 'arm',
};

/** Enough of the file for the DOS stub and the PE header that e_lfanew points to. */
const HEAD_BYTES = 4096;

/** Pure: the format and CPU of a file from its first bytes. */
export function binaryKind(head: Uint8Array): BinaryKind {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length >= 0x40 && head[0] === 0x4d && head[1] === 0x5a) {
    const peOffset = view.getUint32(0x3c, true);
    if (peOffset + 6 > head.length) return { format: 'unknown' };
    // "PE\0\0", then IMAGE_FILE_HEADER.Machine.
    if (view.getUint32(peOffset, false) !== 0x50450000) return { format: 'unknown' };
    const machine = view.getUint16(peOffset + 4, true);
    return { format: 'pe', arch: PE_MACHINES[machine] ?? 'other' };
  }
  if (
    head.length >= 20 &&
    head[0] === 0x7f &&
    head[1] === 0x45 &&
    head[2] === 0x4c &&
    head[3] === 0x46
  ) {
    const littleEndian = head[5] !== 2;
    const machine = view.getUint16(18, littleEndian);
    return { format: 'elf', arch: ELF_MACHINES[machine] ?? 'other' };
  }
  return { format: 'unknown' };
}

/** Reads the header of a file; null when it cannot be opened. */
export async function readBinaryKind(path: string): Promise<BinaryKind | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return binaryKind(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/** This process's CPU in the same words (Node's process.arch). */
export function processArch(arch: string = process.arch): BinaryArch {
  if (arch === 'x64' || arch === 'arm64' || arch === 'arm') return arch;
  if (arch === 'ia32') return 'x86';
  return 'other';
}

/** How a person reads it: 32位 / 64位. */
export function archLabel(arch: BinaryArch): string {
  switch (arch) {
    case 'x86':
      return '32位';
    case 'x64':
      return '64位';
    case 'arm64':
      return 'ARM 64位';
    case 'arm':
      return 'ARM 32位';
    default:
      return '未知位数';
  }
}
