/**
 * How each reason the CUDA probe gives where CUDA cannot run begins (lib/engine/probe-report.ts): the provider
 * missing, a CUDA library missing, no driver, a driver too old, no device, another CUDA error. A test that sees
 * any other text has found a reason nobody can act on.
 */
export const CUDA_UNAVAILABLE =
  /^(provider not installed: .*`npm run gpu:setup`|\S+\.so\.\d+ not found: |no NVIDIA driver: |driver too old: |no CUDA device \(|CUDA could not start \()/;
