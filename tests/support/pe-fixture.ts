// The smallest files whose headers say "Windows DLL for this CPU" (or "Linux .so"): generated in
// the test, never committed. Only the header fields a loader reads first are filled in.
import { writeFileSync } from 'node:fs';

export const PE_MACHINE = { x86: 0x014c, x64: 0x8664, arm64: 0xaa64 } as const;

/** An "MZ" DOS header whose e_lfanew points at "PE\0\0" and an IMAGE_FILE_HEADER. */
export function peHeader(machine: number): Buffer {
  const bytes = Buffer.alloc(0x40 + 24 + 0xe0);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x40, 0x3c);
  bytes.write('PE\0\0', 0x40, 'latin1');
  bytes.writeUInt16LE(machine, 0x44);
  bytes.writeUInt16LE(0, 0x46); // NumberOfSections
  bytes.writeUInt16LE(0xe0, 0x54); // SizeOfOptionalHeader
  bytes.writeUInt16LE(0x2102, 0x56); // Characteristics: executable, 32-bit word, DLL
  return bytes;
}

/** An ELF header of the given class (1: 32-bit, 2: 64-bit) and machine. */
export function elfHeader(elfClass: 1 | 2, machine: number): Buffer {
  const bytes = Buffer.alloc(64);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, elfClass, 1, 1], 0);
  bytes.writeUInt16LE(3, 16); // ET_DYN
  bytes.writeUInt16LE(machine, 18);
  return bytes;
}

export function writePeDll(path: string, arch: keyof typeof PE_MACHINE): string {
  writeFileSync(path, peHeader(PE_MACHINE[arch]));
  return path;
}
