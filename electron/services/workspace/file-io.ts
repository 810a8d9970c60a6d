// Files across the boundary travel as bytes: the renderer hands over what the user picked, and
// produced files go back to it as base64 to be saved where the user says.
import type { FileInput, FileOutput } from '../../contract/views-workspace';

export function readFileInput(input: FileInput): { fileName: string; bytes: Uint8Array } {
  return { fileName: input.fileName, bytes: Buffer.from(input.base64, 'base64') };
}

export function deliverFile(fileName: string, bytes: Buffer): FileOutput {
  return { fileName, base64: bytes.toString('base64'), bytes: bytes.length };
}
