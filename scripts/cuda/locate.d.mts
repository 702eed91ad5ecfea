// Types of locate.mjs (plain JavaScript so `npm run gpu:setup` runs with Node built-ins alone).

/** name -> path of each 64-bit library in `ldconfig -p`'s output. */
export function parseLdconfig(output: string): Map<string, string>;
/** Where the dynamic loader would find `name` by itself in a process started with `env`, if anywhere. */
export function loaderFinds(name: string, env?: Record<string, string | undefined>): string | undefined;
/** site-packages folders of `python`, or none when there is no such Python. */
export function pythonSitePackages(python: string): string[];
/** nvidia/<part>/lib folders under a site-packages folder. */
export function nvidiaWheelFolders(sitePackages: string): string[];
/** CUDA toolkit library folders that exist here. */
export function cudaToolkitFolders(env?: Record<string, string | undefined>): string[];
/** The first of `folders` that holds `name`, as a path. */
export function findIn(folders: readonly string[], name: string): string | undefined;
