// The known U-Key vendors' PKCS#11 modules (resources/vendor-modules.json), checked with zod
// so a bad edit by IT fails loudly at start rather than silently finding nothing.
import { z } from 'zod';
import registryJson from '../../resources/vendor-modules.json' with { type: 'json' };

const fileName = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !/[\\/]/.test(s), 'a file name, not a path');

export const vendorModuleSchema = z.object({
  vendor: z.string().min(1).max(100),
  product: z.string().min(1).max(100),
  windows: z.object({
    dlls: z.array(fileName),
    /** 'System32' / 'SysWOW64' (under %SystemRoot%) or a folder that may use %VAR%. */
    folders: z.array(z.string().min(1).max(300)),
  }),
  linux: z.object({ paths: z.array(z.string().startsWith('/').max(300)) }),
});
export type VendorModule = z.infer<typeof vendorModuleSchema>;

export const vendorRegistrySchema = z.object({
  $comment: z.string().optional(),
  modules: z.array(vendorModuleSchema),
});

export function parseVendorRegistry(json: unknown): VendorModule[] {
  return vendorRegistrySchema.parse(json).modules;
}

export const vendorModules: readonly VendorModule[] = parseVendorRegistry(registryJson);

/** The file name of a path written with either separator. */
export function moduleFileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** 'libeps2003csp11.so' and 'eps2003csp11.dll' are the same vendor's module: 'eps2003csp11'. */
function stem(file: string): string {
  return file
    .toLowerCase()
    .replace(/\.(dll|so|dylib)(\.[\d.]+)?$/, '')
    .replace(/^lib/, '');
}

function namesOf(entry: VendorModule): string[] {
  return [...entry.windows.dlls, ...entry.linux.paths.map(moduleFileName)];
}

/**
 * The registry entry for a module path: by exact file name (case-insensitive, as on Windows),
 * else by the name without 'lib' and extension, which vendors keep across platforms.
 */
export function identifyVendor(
  path: string,
  registry: readonly VendorModule[] = vendorModules,
): VendorModule | null {
  const file = moduleFileName(path).toLowerCase();
  const exact = registry.find((entry) => namesOf(entry).some((n) => n.toLowerCase() === file));
  if (exact) return exact;
  const wanted = stem(file);
  return registry.find((entry) => namesOf(entry).some((n) => stem(n) === wanted)) ?? null;
}
