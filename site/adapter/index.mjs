/**
 * The Lantern adapter: the server build is not a web server but a render function the API imports
 * once and calls per page with that page's data in `locals` (see server.mjs).
 */
export default function lanternAdapter() {
  return {
    name: 'lantern-renderer',
    hooks: {
      'astro:config:done': ({ setAdapter }) => {
        setAdapter({
          name: 'lantern-renderer',
          entrypointResolution: 'auto',
          serverEntrypoint: new URL('./server.mjs', import.meta.url),
          supportedAstroFeatures: { serverOutput: 'stable', staticOutput: 'stable', hybridOutput: 'stable' },
        });
      },
    },
  };
}
