import { spawn } from 'node:child_process';

/**
 * Runs SITE_PUBLISH_COMMAND for one org folder after its atomic write (or its removal): through
 * `sh -c`, with the folder as `$1` and in SITE_ORG_DIR, the slug in SITE_ORG_SLUG. Resolves to
 * the exit code; the output is handed to `log`.
 */
export function runPublishCommand(
  command: string,
  folder: string,
  slug: string,
  log: (line: string) => void,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', `${command} "$1"`, 'site-publish', folder], {
      env: { ...process.env, SITE_ORG_DIR: folder, SITE_ORG_SLUG: slug },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => {
      log(error.message);
      resolve(127);
    });
    child.on('close', (code) => resolve(code ?? 1));
  });
}
