// Types of zip.mjs (plain JavaScript so `npm run gpu:setup` runs with Node built-ins alone).

export interface ZipMember {
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  size: number;
  headerOffset: number;
}

/** The members of the zip at `path`, by name. */
export function listZip(path: string): Map<string, ZipMember>;
/** Writes member `name` to `dest` if its sha256 is `sha256`; else removes what it wrote and throws. */
export function extractMember(path: string, name: string, dest: string, sha256: string): Promise<void>;
