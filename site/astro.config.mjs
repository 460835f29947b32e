import { defineConfig } from 'astro/config';
import lanternAdapter from './adapter/index.mjs';

// Built once (`npm run build -w site`); the API renders each org's pages in-process with their data.
export default defineConfig({
  output: 'server',
  adapter: lanternAdapter(),
  // Pages link their own copy of status.css relatively, so no asset may point at /_astro/.
  build: { inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  // No image optimisation: the only image is the org's logo, copied into its folder as uploaded.
  image: { service: { entrypoint: 'astro/assets/services/noop' } },
  trailingSlash: 'always',
});
