/// <reference types="astro/client" />
// Every page's data comes from the API's renderer as Astro.locals (api/src/contract/site-locals.ts).
// A global declaration file cannot `import type` without turning into a module, hence import().
// eslint-disable-next-line @typescript-eslint/consistent-type-imports
type SiteLocals = import('../../api/src/contract/site-locals.ts').SiteLocals;
declare namespace App {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- Astro's augmentation point
  interface Locals extends SiteLocals {}
}
