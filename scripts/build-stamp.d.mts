// Types of build-stamp.mjs (plain JavaScript so that any `node` runs the .mjs callers).

/** Newest mtime (ms) of a file or, recursively, of a folder and its files; 0 when absent. */
export function newestMtime(path: string): number;

export interface BuildStampSpec {
  /** The package folder; `sources` are relative to it. */
  root: string;
  sources: readonly string[];
  /** Absolute path of the stamp file written after a successful build. */
  stamp: string;
  /** Absolute path of the lock folder (git-ignored). */
  lockDir: string;
  /** A lock older than this is from a crashed build (default 60 s). */
  staleLockMs?: number;
  /** How often a waiting caller looks again (default 100 ms). */
  pollMs?: number;
}

export interface BuildStamp {
  isStale(): boolean;
  /** Runs `build` unless the build is up to date; returns whether it built. */
  ensureSync(build: () => unknown): boolean;
  ensure(build: () => unknown): Promise<boolean>;
}

export function buildStamp(spec: BuildStampSpec): BuildStamp;

/** The command-line end of an ensure-built script: one clear line and exit code 1 when the build fails. */
export function runBuildCommand(options: {
  /** What is built, as the user knows it ("Site", "Admin app", "Widget"). */
  name: string;
  ensure: () => boolean | Promise<boolean>;
  /** The command that builds it alone. */
  rerun: string;
}): Promise<void>;
