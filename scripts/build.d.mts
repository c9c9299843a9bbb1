/** build/ at the project's root: where `npm start` runs the compiled server from. */
export const buildDirectory: string;
/** Whether `outDir` holds a successful build newer than every source. */
export function buildIsCurrent(outDir?: string): Promise<boolean>;
/** Compiles into `outDir` afresh; rejects if the compiler reports an error. */
export function build(outDir?: string): Promise<void>;
/** Builds into build/ unless it is current. */
export function ensureBuild(): Promise<void>;
