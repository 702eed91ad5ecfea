// Types of wheels.mjs (plain JavaScript so `npm run gpu:setup` runs with Node built-ins alone).

export interface WheelFile {
  /** The file's path inside the wheel. */
  member: string;
  size: number;
  sha256: string;
}

export interface Wheel {
  project: string;
  version: string;
  url: string;
  size: number;
  sha256: string;
  /** The files taken from it, by the name they are installed under. */
  files: Record<string, WheelFile>;
}

export const PROVIDER_WHEEL: Wheel;
export const CUDA_WHEELS: readonly Wheel[];
/** The pinned wheel that carries `name`. */
export function wheelFor(name: string): Wheel | undefined;
/** The wheel's file name, from its URL. */
export function wheelFileName(wheel: Wheel): string;
